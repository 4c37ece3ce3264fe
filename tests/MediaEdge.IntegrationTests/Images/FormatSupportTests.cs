using System.Text.Json;
using MediaEdge.IntegrationTests.Images.Generated;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MediaEdge.IntegrationTests.Images;

/// <summary>
/// Honest format support. A valid file that one engine cannot read (arithmetic-coded, lossless or 12-bit JPEG, LogLuv
/// TIFF, AVIF) is rendered by the other engine, in every output format, and fm=json says which engine read it; a format
/// neither reads is a 415 naming it and what is supported, and fm=json gives the same answer. Media/formats/ holds the
/// files (see Media/README.md); each shows Media/formats/reference.png, a 64x40 picture, except jpeg-12bit.jpg (flat grey 128).
/// </summary>
[Collection(ImageServer.Collection)]
public sealed class FormatSupportTests(ImageServer fixture) : ServerTest(fixture)
{
    public static TheoryData<string, string> ReadableEverywhere => TheoryRows.Crossed(
        ["jpeg-arithmetic.jpg", "jpeg-arith-progressive.jpg", "jpeg-lossless.jpg", "jpeg-12bit.jpg", "tiff-logluv.tif", "tiff-float.tif", "tiff-jpeg.tif", "tiff-lzw.tif", "avif-8bit.avif", "avif-10bit.avif", "webp-lossy.webp"],
        ["png", "jpg&q=95", "webp&q=95", "gif"]);

    [EngineTheory]
    [MemberData(nameof(ReadableEverywhere))]
    public async Task FileOneEngineCannotRead_IsRenderedByTheOther_InEveryOutput(string file, string fm)
    {
        var sut = await Client.GetOkAsync($"/img/local/formats/{file}?fm={fm}");

        Assert.True(Magic.Matches(sut.ContentType!, sut.Body), $"{file} fm={fm}: {sut.ContentType} magic");
        using var served = Pixels.Load(sut.Body);
        if (file == "jpeg-12bit.jpg")
        {
            Assert.Equal((16, 8), (served.Width, served.Height));
            var (r, g, b) = Pixels.Mean(served);
            Assert.True(Math.Abs(r - 128) < 3 && Math.Abs(g - 128) < 3 && Math.Abs(b - 128) < 3, $"fm={fm}: mean ({r:0.0}, {g:0.0}, {b:0.0}) where flat grey 128 was coded");
            return;
        }

        // LogLuv and float samples are linear light: the reference is libvips's own reading (scRGB to sRGB), not reference.png.
        using var reference = file is "tiff-logluv.tif" or "tiff-float.tif" ? Pixels.LoadWithVips(Read(file)) : Image.Load<Rgba32>(Read("reference.png"));
        Likeness.AssertCloseCoarse(reference, served, Tolerances.LossyCodec + (fm == "gif" ? Tolerances.GifPalette : 0), $"{file} fm={fm} against the picture it holds");
    }

    /// <summary>Which engine read the file is part of fm=json, and is the one that renders it: the configured one where it can.</summary>
    [EngineTheory]
    [InlineData("jpeg-arithmetic.jpg", "vips")]
    [InlineData("jpeg-lossless.jpg", "vips")]
    [InlineData("tiff-logluv.tif", "vips")]
    [InlineData("tiff-float.tif", "vips")]
    [InlineData("avif-10bit.avif", "vips")]
    [InlineData("jpeg-12bit.jpg", "imagesharp")]
    [InlineData("jpeg-baseline.jpg", null)]
    [InlineData("tiff-lzw.tif", null)]
    public async Task FmJson_NamesTheEngineThatReadsIt(string file, string? engine)
    {
        var sut = await Client.GetOkAsync($"/img/local/formats/{file}?fm=json");

        using var json = JsonDocument.Parse(sut.Body);
        Assert.Equal(engine ?? Engine.Name, json.RootElement.GetProperty("engine").GetString());
    }

    /// <summary>A PNG whose image data comes in 1-byte IDAT chunks is valid; the ImageSharp engine reads it itself (joined), not through the other engine.</summary>
    [EngineFact]
    public async Task PngInOneByteIdatChunks_IsReadByTheConfiguredEngine()
    {
        var variant = SourceVariants.Benign().Single(v => v.Name == "png-idat-1.png");
        var key = GeneratedMedia.Write($"formats/{Engine.Name}/png-idat-1.png", variant.Bytes);

        var json = await Client.GetOkAsync($"/img/local/{key}?fm=json");
        var sut = await Client.GetOkAsync($"/img/local/{key}?fm=webp");

        using var document = JsonDocument.Parse(json.Body);
        Assert.Equal(Engine.Name, document.RootElement.GetProperty("engine").GetString());
        Assert.Equal((SourceVariants.Width, SourceVariants.Height), Pixels.Size(sut.Body));
    }

    /// <summary>The variant rendered by the other engine is cached under a key of its own: the second request is an L1 hit.</summary>
    [EngineFact]
    public async Task RenderedByTheOtherEngine_IsCachedLikeAnyVariant()
    {
        var file = Engine == Engine.Vips ? "jpeg-12bit.jpg" : "jpeg-arithmetic.jpg";
        var first = await Client.GetOkAsync($"/img/local/formats/{file}?w=8&fm=png");
        var second = await Client.GetOkAsync($"/img/local/formats/{file}?w=8&fm=png");

        Assert.Contains("hit-l1", second.Header("Server-Timing") ?? string.Empty, StringComparison.Ordinal);
        Assert.Equal(first.Header("ETag"), second.Header("ETag"));
    }

    /// <summary>
    /// The other engine renders what the configured one cannot read, negotiated for what it encodes: auto=format gives
    /// WebP where only the configured engine would have written AVIF, and an fm it cannot write is a 415 naming the source.
    /// </summary>
    [EngineFact]
    public async Task RenderedByTheOtherEngine_IsNegotiatedForWhatThatEngineWrites()
    {
        var file = Engine == Engine.Vips ? "jpeg-12bit.jpg" : "jpeg-arithmetic.jpg";

        var auto = await Client.GetOkAsync($"/img/local/formats/{file}?auto=format", HttpClientReplies.BrowserAccept);
        var avif = await Client.GetReplyAsync($"/img/local/formats/{file}?fm=avif");

        Assert.Equal("image/webp", auto.ContentType);
        if (Engine.EncodesAvif)
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, avif.Status);
            Assert.Contains("12-bit", avif.Problem().GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(HttpStatusCode.BadRequest, avif.Status);
            Assert.Equal("fm", avif.Problem().GetProperty("parameter").GetString());
        }
    }

    [EngineTheory]
    [InlineData("formats/jp2.jp2", "JPEG 2000")]
    [InlineData("formats/j2k.j2k", "JPEG 2000")]
    [InlineData("formats/jxl.jxl", "JPEG XL")]
    [InlineData("formats/psd.psd", "PSD")]
    [InlineData("formats/ico.ico", "ICO")]
    [InlineData("formats/heic.heic", "HEVC")]
    [InlineData("odd/iphone-like.heic", "HEVC")]
    public async Task FormatNeitherEngineReads_Is415NamingIt_AndJsonAgrees(string key, string named)
    {
        foreach (var query in new[] { "fm=json", "fm=png", "w=32", "fm=webp" })
        {
            var sut = await Client.GetReplyAsync($"/img/local/{key}?{query}");

            Assert.True(sut.Status == HttpStatusCode.UnsupportedMediaType, $"{key} {query}: {sut} {ImageReplies.ProblemText(sut)}");
            var problem = sut.Problem();
            Assert.Equal("urn:mediaedge:problem:unsupported-media", problem.GetProperty("type").GetString());
            var detail = problem.GetProperty("detail").GetString()!;
            Assert.Contains(named, detail, StringComparison.Ordinal);
            Assert.Contains(key.EndsWith(".heic", StringComparison.Ordinal) ? "HEIC" : "Supported formats are JPEG, PNG, GIF, WebP, AVIF, TIFF and BMP", detail, StringComparison.Ordinal);
        }
    }

    private static byte[] Read(string file) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Media", "formats", file));
}
