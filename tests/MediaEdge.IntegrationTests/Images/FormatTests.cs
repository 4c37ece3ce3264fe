using System.Text.Json;
using SixLabors.ImageSharp;

namespace MediaEdge.IntegrationTests.Images;

/// <summary>fm, q, auto=format, auto=compress and bg: what the body is, whatever the headers say.</summary>
[Collection(ImageServer.Collection)]
public sealed class FormatTests(ImageServer fixture) : ServerTest(fixture)
{
    [EngineTheory]
    [InlineData("jpg", "image/jpeg")]
    [InlineData("jpeg", "image/jpeg")]
    [InlineData("png", "image/png")]
    [InlineData("webp", "image/webp")]
    [InlineData("gif", "image/gif")]
    public async Task Fm_EncodesThatFormat(string fm, string contentType)
    {
        var sut = await Client.GetReplyAsync($"/img/local/colorful-cups.jpg?w=300&fm={fm}", HttpClientReplies.BrowserAccept);

        sut.AssertImage(contentType, 300, 188);
        Assert.Empty(sut.HeaderList("Vary"));
    }

    /// <summary>fm=avif: an AVIF (ftypavif at offset 4) that libheif decodes to the picture, with no metadata; else a 400 naming fm.</summary>
    [EngineFact]
    public async Task FmAvif_IsADecodableAvif_WhereTheEngineEncodesIt_ElseA400NamingFm()
    {
        var sut = await Client.GetReplyAsync("/img/local/colorful-cups.jpg?w=300&fm=avif");

        if (!Engine.EncodesAvif)
        {
            sut.AssertRefused("fm", "fm=avif");
            return;
        }

        sut.AssertImage("image/avif", 300, 188);
        Assert.All(SourceFidelityTests.MetadataMarkers, marker => Assert.False(Magic.Contains(sut.Body, marker), $"the AVIF holds '{marker}'"));
        Assert.False(Magic.Contains(sut.Body, "colrprof"), "the AVIF carries an ICC profile");
        using var decoded = Pixels.LoadWithVips(sut.Body);
        using var lossless = await Client.GetPixelsAsync("/img/local/colorful-cups.jpg?w=300&fm=png");
        Assert.Equal((300, 188), (decoded.Width, decoded.Height));
        Likeness.AssertCloseCoarse(lossless, decoded, Tolerances.LossyCodec, "the decoded AVIF against the PNG");
    }

    /// <summary>fm=pjpg: a JPEG whose frame header is SOF2 (progressive), where fm=jpg's is baseline; else a 400 naming fm.</summary>
    [EngineFact]
    public async Task FmPjpg_IsAProgressiveJpeg_WhereTheEngineEncodesIt_ElseA400NamingFm()
    {
        var sut = await Client.GetReplyAsync("/img/local/colorful-cups.jpg?w=300&fm=pjpg");
        var baseline = await Client.GetReplyAsync("/img/local/colorful-cups.jpg?w=300&fm=jpg");

        Assert.Equal(0xC0, Containers.JpegFrameMarker(baseline.Body));
        if (!Engine.EncodesProgressiveJpeg)
        {
            sut.AssertRefused("fm", "fm=pjpg");
            return;
        }

        sut.AssertImage("image/jpeg", 300, 188);
        Assert.Equal(0xC2, Containers.JpegFrameMarker(sut.Body));
        using var progressive = Pixels.Load(sut.Body);
        using var plain = Pixels.Load(baseline.Body);
        Assert.Equal((300, 188), (progressive.Width, progressive.Height));
        Likeness.AssertClose(plain, progressive, Tolerances.SamePixelsAnotherWay, "the progressive JPEG against the baseline one");
    }

    [EngineFact]
    public async Task FmJson_DescribesTheSource()
    {
        var sut = await Client.GetOkAsync("/img/local/orientation-6.jpg?fm=json");

        Assert.Equal("application/json", sut.ContentType);
        using var json = JsonDocument.Parse(sut.Body);
        var root = json.RootElement;
        Assert.Equal(1280, root.GetProperty("width").GetInt32());
        Assert.Equal(800, root.GetProperty("height").GetInt32());
        Assert.Equal(800, root.GetProperty("storedWidth").GetInt32());
        Assert.Equal(1280, root.GetProperty("storedHeight").GetInt32());
        Assert.Equal("jpeg", root.GetProperty("format").GetString());
        Assert.False(root.GetProperty("hasAlpha").GetBoolean());
        Assert.Equal(1, root.GetProperty("frames").GetInt32());
        Assert.Equal(6, root.GetProperty("orientation").GetInt32());
        Assert.Equal(new FileInfo(MediaFolder.Shared.PathOf("orientation-6.jpg")).Length, root.GetProperty("contentLength").GetInt64());
    }

    [EngineFact]
    public async Task FmJson_CountsFramesAndSeesAlpha()
    {
        using var gif = JsonDocument.Parse((await Client.GetReplyAsync("/img/local/animated.gif?fm=json")).Body);
        using var png = JsonDocument.Parse((await Client.GetReplyAsync("/img/local/alpha.png?fm=json")).Body);

        Assert.Equal(12, gif.RootElement.GetProperty("frames").GetInt32());
        Assert.Equal("gif", gif.RootElement.GetProperty("format").GetString());
        Assert.True(png.RootElement.GetProperty("hasAlpha").GetBoolean());
        Assert.Equal(1200, png.RootElement.GetProperty("width").GetInt32());
    }

    [EngineTheory]
    [InlineData("jpg")]
    [InlineData("webp")]
    public async Task LowerQ_GivesFewerBytes(string fm)
    {
        var low = await Client.GetReplyAsync($"/img/local/colorful-cups.jpg?w=400&fm={fm}&q=20");
        var high = await Client.GetReplyAsync($"/img/local/colorful-cups.jpg?w=400&fm={fm}&q=90");

        Assert.Equal((400, 250), Pixels.Size(low.Body));
        Assert.True(low.Body.Length < high.Body.Length * Tolerances.LowQualityBytes, $"q=20: {low.Body.Length} bytes, q=90: {high.Body.Length} bytes");
    }

    /// <summary>The type each Accept gets from an engine that encodes AVIF, and from one that does not.</summary>
    [EngineTheory]
    [InlineData("image/avif,image/webp,*/*", "image/avif", "image/webp")]
    [InlineData("image/avif,*/*", "image/avif", "image/jpeg")]
    [InlineData("image/avif;q=0,image/webp,*/*", "image/webp", "image/webp")]
    [InlineData("image/webp", "image/webp", "image/webp")]
    [InlineData("image/jpeg,image/png,*/*", "image/jpeg", "image/jpeg")]
    [InlineData("*/*", "image/jpeg", "image/jpeg")]
    [InlineData("image/webp;q=0,*/*", "image/jpeg", "image/jpeg")]
    public async Task AutoFormat_FollowsAccept(string accept, string withAvif, string withoutAvif)
    {
        var sut = await Client.GetReplyAsync("/img/local/colorful-cups.jpg?w=300&auto=format", accept);

        sut.AssertImage(Engine.EncodesAvif ? withAvif : withoutAvif, 300, 188);
        Assert.Equal(["Accept"], sut.HeaderList("Vary"));
    }

    /// <summary>
    /// auto=format picks AVIF only up to Imaging:AvifMaxPixels output pixels (AVIF encodes slowly), WebP beyond. With the
    /// budget at 100,000, w=400 (400x250) is just within it and w=401 (401x251) just over.
    /// </summary>
    [EngineTheory]
    [InlineData(400, 250, "image/avif")]
    [InlineData(401, 251, "image/webp")]
    public async Task AutoFormat_GivesAvifWithinAvifMaxPixels_AndWebpBeyond(int width, int height, string withAvif)
    {
        await using var server = await MediaEdgeServer.StartAsync(new Dictionary<string, string?> { ["MediaEdge:Imaging:AvifMaxPixels"] = "100000" }, engine: Engine);
        using var client = server.CreateClient(out var guard);
        var sut = await client.GetReplyAsync($"/img/local/colorful-cups.jpg?w={width}&auto=format", HttpClientReplies.BrowserAccept);

        sut.AssertImage(Engine.EncodesAvif ? withAvif : "image/webp", width, height);
        guard.AssertNoServerFailure();
    }

    [EngineFact]
    public async Task AutoFormat_WithoutWebp_GivesPngForAnAlphaSource()
    {
        var sut = await Client.GetReplyAsync("/img/local/alpha.png?w=300&auto=format", "image/jpeg,*/*");

        sut.AssertImage("image/png", 300, 200);
        using var image = Pixels.Load(sut.Body);
        Assert.Equal(0, Pixels.MinAlpha(image));
    }

    /// <summary>For JPEG, auto=compress lowers the quality (a clear saving); for PNG it quantises to a palette (smaller, by less on smooth art).</summary>
    [EngineTheory]
    [InlineData("colorful-cups.jpg", "image/jpeg", Tolerances.CompressedJpegBytes)]
    [InlineData("alpha.png", "image/png", Tolerances.PalettePngBytes)]
    public async Task AutoCompress_GivesFewerBytesThanTheDefault(string key, string contentType, double atMost)
    {
        var plain = await Client.GetReplyAsync($"/img/local/{key}?w=400");
        var sut = await Client.GetReplyAsync($"/img/local/{key}?w=400&auto=compress");

        Assert.Equal(contentType, sut.ContentType);
        Assert.Equal(Pixels.Size(plain.Body), Pixels.Size(sut.Body));
        Assert.True(sut.Body.Length < plain.Body.Length * atMost, $"auto=compress: {sut.Body.Length} bytes, default: {plain.Body.Length} bytes");
    }

    /// <summary>alpha.png is transparent at its corners and opaque orange (255, 80, 0) in the middle.</summary>
    [EngineFact]
    public async Task Bg_FillsTransparencyWhenEncodingJpeg()
    {
        var sut = await Client.GetReplyAsync("/img/local/alpha.png?fm=jpg&bg=ff0000");
        var plain = await Client.GetReplyAsync("/img/local/alpha.png?fm=jpg");

        Assert.True(Magic.IsJpeg(sut.Body));
        using var red = Pixels.Load(sut.Body);
        using var white = Pixels.Load(plain.Body);
        var corner = new Rectangle(0, 0, 40, 40);
        var centre = new Rectangle(580, 380, 40, 40);
        var redCorner = Pixels.Mean(red, corner);
        var whiteCorner = Pixels.Mean(white, corner);
        var redCentre = Pixels.Mean(red, centre);
        Assert.True(redCorner is { R: > 240, G: < 15, B: < 15 }, $"corner with bg=ff0000: {redCorner}");
        Assert.True(whiteCorner is { R: > 240, G: > 240, B: > 240 }, $"corner without bg: {whiteCorner}");
        Assert.True(redCentre is { R: > 240, G: > 60 and < 100, B: < 20 }, $"opaque centre: {redCentre}");
    }
}
