using MediaEdge.IntegrationTests.Images.Generated;
using NetVips;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace MediaEdge.IntegrationTests.Images;

/// <summary>
/// Alpha as a browser shows it: resampling is premultiplied (colour hidden under transparent pixels never shows at an edge),
/// alpha survives from every source that has it (PNG, WebP, GIF, 32-bit BMP, TIFF, AVIF), enlargements stay centred, and
/// PNG output of a PNG source keeps every pixel unless a size or palette change was asked for.
/// </summary>
[Collection(ImageServer.Collection)]
public sealed class AlphaTests(ImageServer fixture, ITestOutputHelper output) : ServerTest(fixture)
{
    /// <summary>
    /// Most a pixel of a white shape may lean to red, as premultiplied (composited) colour: alpha x (R - min(G, B)) / 255.
    /// Resampled premultiplied, a white shape over hidden red stays white at every alpha (measured 0); resampled straight,
    /// its edge turns pink (61 on the disc below).
    /// </summary>
    private const double HiddenColourBleed = 3;

    private static readonly Lazy<Sources> Generated = new(Write, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>A 96x96 white disc with a soft edge (alpha falling over 8 px) on pixels that are transparent but pure red underneath.</summary>
    [EngineTheory]
    [InlineData("w=24&fm=png")]
    [InlineData("w=50&fm=png")]
    [InlineData("w=24&fm=webp")]
    [InlineData("w=50&blur=20&fm=png")]
    [InlineData("w=160&fm=png")]
    [InlineData("w=70&h=40&fit=scale&fm=png")]
    [InlineData("rot=30&fm=png")]
    public async Task HiddenColour_NeverBleedsIntoVisibleEdges(string query)
    {
        using var image = await Client.GetPixelsAsync($"/img/local/{Generated.Value.HiddenRed}?{query}");
        var bleed = Redness(image);
        output.WriteLine($"{Engine}: {query}: red bleed {bleed:0.0}");
        Assert.True(bleed <= HiddenColourBleed, $"{query}: the white disc's edge leans {bleed:0.0} levels to the red hidden under transparent pixels");
        Assert.True(image[image.Width / 2, image.Height / 2].A == 255 && Pixels.MinAlpha(image) == 0, "the disc should stay opaque on a transparent ground");
    }

    /// <summary>
    /// The same disc as a lossy WebP with alpha (the red kept under it with exact): the codec itself bleeds some red into the
    /// edge, which the test's own premultiplied downscale of the decoded source keeps. A straight (unpremultiplied) resample
    /// adds the hidden red on top.
    /// </summary>
    [EngineTheory]
    [InlineData(24)]
    [InlineData(48)]
    public async Task LossyAlphaWebp_DownscaledEdges_CarryNoMoreRedThanTheSourceShows(int width)
    {
        using var image = await Client.GetPixelsAsync($"/img/local/{Generated.Value.LossyWebp}?w={width}&fm=png");
        using var source = Pixels.Load(MediaFolder.Shared.Read(Generated.Value.LossyWebp));
        using var reference = source.Clone(ctx => ctx.Resize(new ResizeOptions { Size = new Size(width, width), Mode = ResizeMode.Stretch, Sampler = KnownResamplers.Box, PremultiplyAlpha = true }));
        double bleed = Redness(image), expected = Redness(reference);
        output.WriteLine($"{Engine}: lossy WebP at w={width}: red bleed {bleed:0.0}, the source's own downscaled {expected:0.0}");
        Assert.True(bleed <= expected + HiddenColourBleed, $"w={width}: edges lean {bleed:0.0} levels to red where the source itself shows {expected:0.0}");
    }

    public static TheoryData<string, string> AlphaSources { get; } = new()
    {
        { "alpha.png", "image/png" },
        { "alpha-lossless.webp", "image/webp" },
        { "alpha.gif", "image/gif" },
        { "alpha-bi-rgb.bmp", "image/png" },
        { "alpha-v4-bitfields.bmp", "image/png" },
        { "alpha.tif", "image/png" },
        { "alpha.avif", "image/png" },
    };

    /// <summary>
    /// 32x32: the left half opaque red, the right half blue at alpha 96, the bottom-right quarter fully transparent (GIF has
    /// only the transparent quarter). With no fm, a source with alpha comes out in a format with alpha; as PNG every alpha is the source's.
    /// </summary>
    [EngineTheory]
    [MemberData(nameof(AlphaSources))]
    public async Task Alpha_SurvivesFromEverySourceThatHasIt(string name, string plainType)
    {
        var key = Generated.Value.Alpha[name];
        var plain = await Client.GetReplyAsync($"/img/local/{key}");
        var png = await Client.GetReplyAsync($"/img/local/{key}?fm=png");

        Assert.True(plain.Status == HttpStatusCode.OK, $"{name}: {plain}");
        Assert.Equal(plainType, plain.ContentType);
        Assert.True(png.Status == HttpStatusCode.OK, $"{name}: {png}");
        using var image = Pixels.Load(png.Body);
        var gif = name.EndsWith(".gif", StringComparison.Ordinal);
        var tolerance = name.EndsWith(".avif", StringComparison.Ordinal) ? 8 : 0;
        AssertAlpha(image, 8, 8, 255, 0, name);
        AssertAlpha(image, 24, 8, gif ? 255 : 96, tolerance, name);
        AssertAlpha(image, 24, 24, 0, 0, name);
        using var asPlain = Pixels.Load(plain.Body);
        AssertAlpha(asPlain, 24, 24, 0, tolerance, $"{name} with no fm");
    }

    /// <summary>A 32-bit BMP whose fourth bytes are all zero is opaque, as browsers show it (older writers leave that byte zero): JPEG with no fm.</summary>
    [EngineFact]
    public async Task Bmp32WithAllAlphaZero_IsOpaque()
    {
        var sut = await Client.GetReplyAsync($"/img/local/{Generated.Value.ZeroAlphaBmp}");
        var png = await Client.GetReplyAsync($"/img/local/{Generated.Value.ZeroAlphaBmp}?fm=png");

        Assert.Equal("image/jpeg", sut.ContentType);
        using var image = Pixels.Load(png.Body);
        Assert.Equal(255, Pixels.MinAlpha(image));
        Assert.Equal(new Rgba32(200, 30, 30, 255), image[5, 5]);
    }

    /// <summary>
    /// A 2x2 black-and-white checker enlarged: its picture is the same turned 180 degrees, and its mirror image is its negative.
    /// An enlargement sampled off the pixel centres breaks both (libvips's resize was half an output pixel off: a whole grey row).
    /// </summary>
    [EngineTheory]
    [InlineData("w=6", 6, 6)]
    [InlineData("w=5", 5, 5)]
    [InlineData("w=8&h=4&fit=scale", 8, 4)]
    [InlineData("w=64", 64, 64)]
    public async Task Enlargement_StaysCentred(string query, int width, int height)
    {
        using var image = await Client.GetPixelsAsync($"/img/local/{Generated.Value.Checker}?{query}&fm=png");
        Assert.Equal((width, height), (image.Width, image.Height));
        var worstTurn = 0;
        var worstMirror = 0;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                worstTurn = Math.Max(worstTurn, Math.Abs(image[x, y].R - image[width - 1 - x, height - 1 - y].R));
                worstMirror = Math.Max(worstMirror, Math.Abs(image[x, y].R + image[width - 1 - x, y].R - 255));
            }
        }

        output.WriteLine($"{Engine}: {query}: asymmetry {worstTurn} (turned), {worstMirror} (mirrored)");
        Assert.True(worstTurn <= 2 && worstMirror <= 3, $"{query}: the enlarged checker is off centre: {worstTurn} levels from its 180-degree turn, {worstMirror} from its mirrored negative");
    }

    /// <summary>
    /// A palette PNG of 246 colours close together (a gradient; 20 of them translucent) comes back pixel for pixel as PNG,
    /// asked plainly or with fm=png (ImageSharp re-quantized it to 138 colours, pixels off by up to 14); so does a truecolour
    /// PNG with alpha and thousands of colours.
    /// </summary>
    [EngineTheory]
    [InlineData("palette", "")]
    [InlineData("palette", "?fm=png")]
    [InlineData("palette", "?fm=png&q=40")]
    [InlineData("truecolour", "?fm=png")]
    public async Task Png_ComesBackLossless(string png, string query)
    {
        var key = png == "palette" ? Generated.Value.Palette : Generated.Value.Truecolour;
        var sut = await Client.GetReplyAsync($"/img/local/{key}{query}");

        Assert.Equal("image/png", sut.ContentType);
        using var image = Pixels.Load(sut.Body);
        using var source = Pixels.Load(MediaFolder.Shared.Read(key));
        AssertSamePixels(source, image, $"{png} {query}");
    }

    private static void AssertSamePixels(Image<Rgba32> source, Image<Rgba32> image, string what)
    {
        Assert.Equal((source.Width, source.Height), (image.Width, image.Height));
        var differing = 0;
        var worst = 0;
        var colours = new HashSet<Rgba32>();
        for (var y = 0; y < source.Height; y++)
        {
            for (var x = 0; x < source.Width; x++)
            {
                Rgba32 a = source[x, y], b = image[x, y];
                colours.Add(b);
                var off = Math.Max(Math.Abs(a.A - b.A), a.A == 0 ? 0 : Math.Max(Math.Abs(a.R - b.R), Math.Max(Math.Abs(a.G - b.G), Math.Abs(a.B - b.B))));
                differing += off > 0 ? 1 : 0;
                worst = Math.Max(worst, off);
            }
        }

        Assert.True(differing == 0, $"{what}: {differing} pixels differ from the source's, by up to {worst}; the output has {colours.Count} colours");
    }

    private static void AssertAlpha(Image<Rgba32> image, int x, int y, int expected, int tolerance, string what)
    {
        var alpha = image[x * image.Width / 32, y * image.Height / 32].A;
        Assert.True(Math.Abs(alpha - expected) <= tolerance, $"{what}: alpha at ({x},{y}) is {alpha}, not {expected}");
    }

    private static double Redness(Image<Rgba32> image)
    {
        double worst = 0;
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                var p = image[x, y];
                worst = Math.Max(worst, p.A * (p.R - Math.Min(p.G, p.B)) / 255.0);
            }
        }

        return worst;
    }

    private static Sources Write()
    {
        static (byte, byte, byte, byte) Disc(int x, int y)
        {
            var r = Math.Sqrt(((x - 47.5) * (x - 47.5)) + ((y - 47.5) * (y - 47.5)));
            var alpha = (byte)Math.Round(Math.Clamp((34 - r) / 8, 0, 1) * 255);
            return alpha == 0 ? ((byte)255, (byte)0, (byte)0, (byte)0) : ((byte)255, (byte)255, (byte)255, alpha);
        }

        using var disc = GeneratedMedia.FromRgba(96, 96, Disc);
        var hiddenRed = GeneratedMedia.Write("alpha/hidden-red-disc.png", disc.PngsaveBuffer(keep: Enums.ForeignKeep.None));
        var lossy = GeneratedMedia.Write("alpha/hidden-red-disc-lossy.webp", disc.WebpsaveBuffer(q: 75, exact: true, keep: Enums.ForeignKeep.None));

        static (byte, byte, byte, byte) Halves(int x, int y) =>
            x < 16 ? ((byte)200, (byte)30, (byte)30, (byte)255) : y < 16 ? ((byte)30, (byte)60, (byte)200, (byte)96) : ((byte)30, (byte)60, (byte)200, (byte)0);
        using var halves = GeneratedMedia.FromRgba(32, 32, Halves);
        static (byte, byte, byte, byte) GifHalves(int x, int y)
        {
            var (r, g, b, a) = Halves(x, y);
            return (r, g, b, a == 0 ? (byte)0 : (byte)255);
        }

        using var gifHalves = GeneratedMedia.FromRgba(32, 32, GifHalves);
        var alpha = new Dictionary<string, string>
        {
            ["alpha.png"] = GeneratedMedia.Write("alpha/alpha.png", halves.PngsaveBuffer(keep: Enums.ForeignKeep.None)),
            ["alpha-lossless.webp"] = GeneratedMedia.Write("alpha/alpha-lossless.webp", halves.WebpsaveBuffer(lossless: true, keep: Enums.ForeignKeep.None)),
            ["alpha.gif"] = GeneratedMedia.Write("alpha/alpha.gif", gifHalves.GifsaveBuffer(keep: Enums.ForeignKeep.None)),
            ["alpha-bi-rgb.bmp"] = GeneratedMedia.Write("alpha/alpha-bi-rgb.bmp", SourceBytes.Bmp32(32, 32, v4: false, Halves)),
            ["alpha-v4-bitfields.bmp"] = GeneratedMedia.Write("alpha/alpha-v4-bitfields.bmp", SourceBytes.Bmp32(32, 32, v4: true, Halves)),
            ["alpha.tif"] = GeneratedMedia.Write("alpha/alpha.tif", halves.TiffsaveBuffer(keep: Enums.ForeignKeep.None)),
            ["alpha.avif"] = GeneratedMedia.Write("alpha/alpha.avif", halves.HeifsaveBuffer(lossless: true, compression: Enums.ForeignHeifCompression.Av1, keep: Enums.ForeignKeep.None)),
        };
        var zeroAlpha = GeneratedMedia.Write("alpha/alpha-all-zero.bmp", SourceBytes.Bmp32(16, 16, v4: false, (_, _) => (200, 30, 30, 0)));
        using var checkerPixels = GeneratedMedia.FromRgba(2, 2, (x, y) => x == y ? ((byte)0, (byte)0, (byte)0, (byte)255) : ((byte)255, (byte)255, (byte)255, (byte)255));
        var checker = GeneratedMedia.Write("alpha/checker-2x2.png", GeneratedMedia.Save(checkerPixels, ".png"));

        var palette = new byte[246 * 3];
        var translucent = new byte[246];
        for (var i = 0; i < 246; i++)
        {
            (palette[i * 3], palette[(i * 3) + 1], palette[(i * 3) + 2]) = ((byte)i, (byte)(128 + (i / 2)), (byte)(255 - i));
            translucent[i] = (byte)(i < 20 ? i * 12 : 255);
        }

        var palettePng = GeneratedMedia.Write("alpha/palette-246.png", SourceBytes.PalettePng(64, 64, palette, translucent, (x, y) => (byte)(((y * 64) + x) % 246)));
        using var truecolour = GeneratedMedia.FromRgba(64, 64, (x, y) => ((byte)(x * 4), (byte)(y * 4), (byte)((x * y) % 256), (byte)(255 - x)));
        var truecolourPng = GeneratedMedia.Write("alpha/truecolour.png", truecolour.PngsaveBuffer(keep: Enums.ForeignKeep.None));
        return new Sources(hiddenRed, lossy, alpha, zeroAlpha, checker, palettePng, truecolourPng);
    }

    private sealed record Sources(string HiddenRed, string LossyWebp, IReadOnlyDictionary<string, string> Alpha, string ZeroAlphaBmp, string Checker, string Palette, string Truecolour);
}
