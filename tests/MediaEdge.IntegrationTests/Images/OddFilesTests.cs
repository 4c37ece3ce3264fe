using System.Text.Json;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MediaEdge.IntegrationTests.Images;

/// <summary>
/// Every row of the shared media's odd/ README (legitimate files real users upload, each once answered wrongly), on
/// both engines, over the filesystem origin: Media/odd/ holds the copies. Each test asserts what that row says a
/// correct service answers.
/// </summary>
[Collection(ImageServer.Collection)]
public sealed class OddFilesTests(ImageServer fixture, ITestOutputHelper output) : ServerTest(fixture)
{
    private const int ColourTolerance = 14;

    /// <summary>Levels per channel a flat colour may be off through a JPEG (source or output), as PNG or resized.</summary>
    private const int ThroughJpeg = 6;

    [EngineTheory]
    [InlineData("2")]
    [InlineData("30")]
    public async Task VideoTrackShorterThanTheContainer_TimePastItsEnd_IsTheLastVideoFrame(string time)
    {
        using var image = await Client.GetPixelsAsync($"/video/local/odd/video1s-audio3s.mp4/thumbnail.png?time={time}");

        Colours.AssertNearAt(image, 0.5, 0.5, (0, 0, 255), ColourTolerance, $"time={time}");
    }

    [EngineTheory]
    [InlineData("0.5", 255, 0, 0)]
    [InlineData("1.5", 0, 255, 0)]
    [InlineData("2.5", 0, 0, 255)]
    public async Task WebmWithoutDuration_EachTime_IsItsOwnFrame(string time, int r, int g, int b)
    {
        using var image = await Client.GetPixelsAsync($"/video/local/odd/webm-no-duration.webm/thumbnail.png?time={time}");

        Colours.AssertNearAt(image, 0.5, 0.5, (r, g, b), 40, $"time={time}");
    }

    [EngineFact]
    public async Task WebmWithoutDuration_AnimatedPreviewOfItsFirstTwoSeconds_IsServed()
    {
        var sut = await Client.GetOkAsync("/video/local/odd/webm-no-duration.webm/animated.gif?start=0&end=2");

        Assert.True(Magic.IsGif(sut.Body), "GIF magic");
        using var gif = Image.Load<Rgba32>(sut.Body);
        Assert.True(gif.Frames.Count >= 2, $"{gif.Frames.Count} frame(s) for two seconds");
    }

    [EngineFact]
    public async Task WebmWithoutDuration_StoryboardCoversItsThreeSeconds()
    {
        var sut = await Client.GetOkAsync("/video/local/odd/webm-no-duration.webm/storyboard.json");

        using var json = JsonDocument.Parse(sut.Body);
        var tiles = json.RootElement.GetProperty("tiles").EnumerateArray().ToArray();
        Assert.True(tiles.Length > 1, $"{tiles.Length} tile(s) for a 3 s video");
        var end = tiles[^1].GetProperty("end").GetDouble();
        Assert.True(end is > 2.5 and < 3.6, $"the storyboard ends at {end} s; the video lasts 3 s");
    }

    [EngineTheory]
    [InlineData("short-0.3s.mp4", "thumbnail.jpg")]
    [InlineData("short-0.3s.mp4", "thumbnail.png?time=0.2")]
    [InlineData("short-0.3s.mp4", "thumbnail.webp?time=5")]
    [InlineData("short-0.3s.mp4", "animated.gif")]
    [InlineData("short-0.3s.mp4", "animated.webp")]
    [InlineData("short-0.3s.mp4", "storyboard.vtt")]
    [InlineData("short-0.3s.mp4", "storyboard.json")]
    [InlineData("short-0.3s.mp4", "storyboard.jpg")]
    [InlineData("short-0.3s.mp4", "storyboard.webp")]
    [InlineData("one-frame.mp4", "thumbnail.jpg")]
    [InlineData("one-frame.mp4", "thumbnail.png?time=0")]
    [InlineData("one-frame.mp4", "thumbnail.webp?time=5")]
    [InlineData("one-frame.mp4", "animated.gif")]
    [InlineData("one-frame.mp4", "animated.webp")]
    [InlineData("one-frame.mp4", "storyboard.vtt")]
    [InlineData("one-frame.mp4", "storyboard.json")]
    [InlineData("one-frame.mp4", "storyboard.jpg")]
    [InlineData("one-frame.mp4", "storyboard.webp")]
    public async Task VeryShortClip_EveryVideoRoute_Answers200(string file, string route)
    {
        var sut = await Client.GetOkAsync($"/video/local/odd/{file}/{route}");

        Assert.NotEmpty(sut.Body);
    }

    [EngineTheory]
    [InlineData("short-0.3s.mp4", "jpg")]
    [InlineData("one-frame.mp4", "jpg")]
    [InlineData("one-frame.mp4", "webp")]
    public async Task VeryShortClip_TheSprite_IsWhatItsIndexAnnounces(string file, string format)
    {
        var index = await Client.GetReplyAsync($"/video/local/odd/{file}/storyboard.json");
        var sprite = await Client.GetReplyAsync($"/video/local/odd/{file}/storyboard.{format}");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (index.Status, sprite.Status));
        using var json = JsonDocument.Parse(index.Body);
        var root = json.RootElement;
        var size = Pixels.Size(sprite.Body);
        Assert.Equal(index.DescribedSize(), size);
        foreach (var tile in root.GetProperty("tiles").EnumerateArray())
        {
            Assert.True(tile.GetProperty("x").GetInt32() + tile.GetProperty("w").GetInt32() <= size.Width, "a tile lies outside the sprite");
            Assert.True(tile.GetProperty("y").GetInt32() + tile.GetProperty("h").GetInt32() <= size.Height, "a tile lies outside the sprite");
        }
    }

    [EngineTheory]
    [InlineData("/img/local/odd/2015-05-16%2009:27:04.jpg?w=32")]
    [InlineData("/img/local/odd/2015-05-16%2009%3A27%3A04.jpg?w=32")]
    [InlineData("/img/local/odd/2015-05-16%2009%3a27%3a04.jpg?fm=json")]
    public async Task KeyWithSpacesAndColons_IsServedOnImg(string path)
    {
        var sut = await Client.GetRawPathAsync(path);

        Assert.True(sut.Status == HttpStatusCode.OK, $"{path}: {sut}");
    }

    [EngineTheory]
    [InlineData("/o/local/odd/2015-05-16%2009:27:04.jpg")]
    [InlineData("/o/local/odd/2015-05-16%2009%3A27%3A04.jpg")]
    public async Task KeyWithSpacesAndColons_IsServedOnO_ByteForByte(string path)
    {
        var sut = await Client.GetRawPathAsync(path);

        Assert.True(sut.Status == HttpStatusCode.OK, $"{path}: {sut}");
        Assert.Equal(MediaFolder.Shared.Read("odd/2015-05-16 09:27:04.jpg"), sut.Body);
    }

    [EngineTheory]
    [InlineData("/video/local/odd/clip%2009:27:04.mp4/thumbnail.jpg")]
    [InlineData("/video/local/odd/clip%2009%3A27%3A04.mp4/storyboard.json")]
    public async Task KeyWithSpacesAndColons_IsServedOnVideo(string path)
    {
        var named = MediaFolder.Shared.PathOf("odd/clip 09:27:04.mp4");
        if (!File.Exists(named))
        {
            File.Copy(MediaFolder.Shared.PathOf("odd/one-frame.mp4"), named, overwrite: true);
        }

        var sut = await Client.GetRawPathAsync(path);

        Assert.True(sut.Status == HttpStatusCode.OK, $"{path}: {sut}");
    }

    /// <summary>
    /// The 200x100 source, which stops without its end-of-image marker (as some phones write it), is red on its left and blue
    /// on its right down to the last row, as libjpeg and browsers show it, in every format; at full size it is the picture
    /// the file with its end marker put back decodes to (ImageSharp reading it without one leaves its last MCUs grey).
    /// </summary>
    [EngineTheory]
    [InlineData("", 200, 100)]
    [InlineData("?w=20", 20, 10)]
    [InlineData("?fm=png", 200, 100)]
    [InlineData("?fm=jpg", 200, 100)]
    [InlineData("?fm=webp", 200, 100)]
    [InlineData("?fm=gif", 200, 100)]
    [InlineData("?fm=json", 200, 100)]
    public async Task JpegWithoutItsEndOfImageMarker_IsServedWhole(string query, int width, int height)
    {
        var sut = await Client.GetOkAsync("/img/local/odd/jpeg-no-eoi.jpg" + query);

        if (query == "?fm=json")
        {
            Assert.Equal((width, height), sut.DescribedSize());
            return;
        }

        using var image = Pixels.Load(sut.Body);
        Assert.Equal((width, height), (image.Width, image.Height));
        Colours.AssertNearAt(image, 0.05, 0.05, (254, 0, 0), ColourTolerance, $"{query} top left");
        Colours.AssertNearAt(image, 0.95, 0.05, (0, 0, 254), ColourTolerance, $"{query} top right");
        Colours.AssertNearAt(image, 0.05, 1, (254, 0, 0), ColourTolerance, $"{query} last row, left");
        Colours.AssertNearAt(image, 0.95, 1, (0, 0, 254), ColourTolerance, $"{query} last row, right");
        using var whole = Pixels.Load([.. MediaFolder.Shared.Read("odd/jpeg-no-eoi.jpg"), 0xFF, 0xD9]);
        using var reference = Pixels.Resized(whole, width, height);
        Likeness.AssertCloseCoarse(reference, image, Tolerances.LossyCodec, $"{query} against the decoder's reading");
    }

    /// <summary>
    /// Red ≈ (237,39,45) and blue ≈ (83,80,161) through its press profile, as browsers show it, in every format and resized:
    /// within <see cref="ThroughJpeg"/> levels as PNG and resized, within <see cref="ColourTolerance"/> re-encoded at full size.
    /// </summary>
    [EngineTheory]
    [InlineData("fm=png", ThroughJpeg)]
    [InlineData("fm=jpg", ColourTolerance)]
    [InlineData("fm=webp", ColourTolerance)]
    [InlineData("w=100&fm=png", ThroughJpeg)]
    [InlineData("w=64&fm=webp", ThroughJpeg)]
    public async Task CmykJpegWithItsOwnProfile_IsColourManagedThroughIt(string query, int tolerance)
    {
        using var image = await Client.GetPixelsAsync($"/img/local/odd/cmyk-icc-small.jpg?{query}");

        Colours.AssertNear(image, image.Width / 4, image.Height / 2, (237, 39, 45), tolerance, $"{Engine}: {query} red half", output);
        Colours.AssertNear(image, 3 * image.Width / 4, image.Height / 2, (83, 80, 161), tolerance, $"{Engine}: {query} blue half", output);
    }

    [EngineFact]
    public async Task Heic_IsEitherDecoded_Or415NamingHeic_AndJsonAgrees()
    {
        var image = await Client.GetReplyAsync("/img/local/odd/iphone-like.heic?w=64&fm=png");
        var json = await Client.GetReplyAsync("/img/local/odd/iphone-like.heic?fm=json");

        if (image.Status == HttpStatusCode.OK)
        {
            Assert.True(Magic.IsPng(image.Body), "PNG magic");
            Assert.Equal(HttpStatusCode.OK, json.Status);
            return;
        }

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, image.Status);
        Assert.Contains("HEIC", image.Problem().GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.Status);
        Assert.Contains("HEIC", json.Problem().GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [EngineTheory]
    [InlineData("interlaced-palette-1x1.png", 1)]
    [InlineData("interlaced-palette-3x3.png", 3)]
    public async Task TinyInterlacedPalettePng_IsItsColour(string file, int size)
    {
        using var image = await Client.GetPixelsAsync($"/img/local/odd/{file}?fm=png");

        Assert.Equal((size, size), (image.Width, image.Height));
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                var p = image[x, y];
                Assert.True((p.R, p.G, p.B, p.A) == (30, 144, 255, 255), $"{file} ({x},{y}) is {p}");
            }
        }
    }
}
