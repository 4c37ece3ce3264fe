using MediaEdge.IntegrationTests.Images.Generated;
using NetVips;

namespace MediaEdge.IntegrationTests.Images;

/// <summary>
/// Colour that a source describes is what a browser shows, and both engines serve it as sRGB: ICC profiles of every kind
/// (RGB, grey, CMYK; v2 and v4; matrix and LUT) in every container that carries one (JPEG APP2, PNG iCCP, WebP ICCP, TIFF),
/// and a PNG's colour chunks (gAMA, cHRM with gAMA; sRGB and iCCP taking precedence, as in browsers). Each source is one flat
/// colour, generated here with a profile this suite builds (<see cref="IccProfiles"/>); the expected sRGB comes from the
/// published conversion (matrices, curves), not from either engine.
/// </summary>
[Collection(ImageServer.Collection)]
public sealed class ColourManagementTests(ImageServer fixture, ITestOutputHelper output) : ServerTest(fixture)
{
    /// <summary>Levels per channel a lossless output may be from the exact conversion: 8-bit tables and lcms2's rounding. A profile ignored is 13 or more away in every case.</summary>
    private const int Exact = 4;

    /// <summary>The same through a JPEG (source or output) at the default quality: flat colour loses little.</summary>
    private const int ThroughJpeg = 6;

    private static readonly Lazy<IReadOnlyDictionary<string, ColourCase>> Cases = new(WriteCases, LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly double[,] P3ToSrgb = { { 1.2249401, -0.2249404, 0 }, { -0.0420569, 1.0420571, 0 }, { -0.0196376, -0.0786361, 1.0982735 } };
    private static readonly double[,] AdobeToSrgb = { { 1.3982832, -0.3982831, 0 }, { 0, 1, 0 }, { 0, -0.0429383, 1.0429383 } };
    private static readonly double[,] Identity = { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } };

    public static TheoryData<string> CaseNames { get; } =
    [
        "p3-v4.jpg", "p3-v4.png", "p3-v4.webp", "p3-v4.tif", "adobe-rgb-v2-16bit.png", "grey-linear-v2.jpg", "grey-gamma18-v4.png",
        "cmyk-lut.jpg", "cmyk-lut.tif", "gama-linear.png", "gama-linear-grey.png", "chrm-adobe-gama.png", "srgb-chunk-wins.png",
        "srgb-v4.png", "broken-profile.jpg", "grey-profile-on-rgb.png",
    ];

    [EngineTheory]
    [MemberData(nameof(CaseNames))]
    public async Task DescribedColour_IsServedAsSrgb_InLosslessPng(string name)
    {
        var c = Cases.Value[name];
        var sut = await Client.GetOkAsync($"/img/local/{c.Key}?fm=png");

        Assert.Empty(MetadataScan.Violations(sut.Body));
        AssertCentre(sut.Body, c.Expected, c.Tolerance, $"{name} ({c.What}) as PNG");
    }

    [EngineTheory]
    [MemberData(nameof(CaseNames))]
    public async Task DescribedColour_IsServedAsSrgb_InResizedJpeg(string name)
    {
        var c = Cases.Value[name];
        var sut = await Client.GetOkAsync($"/img/local/{c.Key}?w=12&fm=jpg");

        AssertCentre(sut.Body, c.Expected, Math.Max(c.Tolerance, ThroughJpeg), $"{name} ({c.What}) resized as JPEG");
    }

    private void AssertCentre(byte[] body, (int R, int G, int B) expected, int tolerance, string what)
    {
        using var image = Pixels.Load(body);
        Colours.AssertNear(image, image.Width / 2, image.Height / 2, expected, tolerance, $"{Engine}: {what}", output);
    }

    /// <summary>The sRGB a browser shows for RGB samples whose linear light is <paramref name="decode"/>(sample), in primaries <paramref name="toSrgb"/> maps to sRGB's.</summary>
    private static (int R, int G, int B) Expect(double[,] toSrgb, Func<double, double> decode, int r, int g, int b)
    {
        double[] linear = [decode(r / 255.0), decode(g / 255.0), decode(b / 255.0)];
        int Channel(int row) => IccProfiles.LinearToSrgb8((toSrgb[row, 0] * linear[0]) + (toSrgb[row, 1] * linear[1]) + (toSrgb[row, 2] * linear[2]));
        return (Channel(0), Channel(1), Channel(2));
    }

    private static (int R, int G, int B) Grey(int value) => (value, value, value);

    private static IReadOnlyDictionary<string, ColourCase> WriteCases()
    {
        var cases = new Dictionary<string, ColourCase>();
        void Add(string name, byte[] bytes, (int R, int G, int B) expected, string what, int tolerance = Exact) =>
            cases[name] = new ColourCase(GeneratedMedia.Write($"colour/{name}", bytes), expected, tolerance, what);

        using (var red = GeneratedMedia.Solid(24, 16, [200, 60, 60]))
        {
            var p3 = Expect(P3ToSrgb, IccProfiles.SrgbToLinear, 200, 60, 60);
            Add("p3-v4.jpg", GeneratedMedia.Save(red, ".jpg[Q=95]", IccProfiles.DisplayP3V4), p3, "Display P3 v4 in APP2", ThroughJpeg);
            Add("p3-v4.png", GeneratedMedia.Save(red, ".png", IccProfiles.DisplayP3V4), p3, "Display P3 v4 in iCCP");
            Add("p3-v4.webp", GeneratedMedia.Save(red, ".webp[lossless]", IccProfiles.DisplayP3V4), p3, "Display P3 v4 in ICCP");
            Add("p3-v4.tif", GeneratedMedia.Save(red, ".tif", IccProfiles.DisplayP3V4), p3, "Display P3 v4 in tag 34675");

            var garbage = new byte[400];
            new Random(12).NextBytes(garbage);
            "RGB "u8.CopyTo(garbage.AsSpan(16));
            "acsp"u8.CopyTo(garbage.AsSpan(36));
            var plain = GeneratedMedia.Save(red, ".jpg[Q=95]");
            Add("broken-profile.jpg", SourceBytes.JpegWith(plain, SourceBytes.JpegIcc(garbage)), (200, 60, 60), "a profile no CMS can read: shown as stored", ThroughJpeg);
        }

        using (var green = GeneratedMedia.Solid(24, 16, [60 * 257, 200 * 257, 60 * 257], sixteenBit: true))
        {
            Add("adobe-rgb-v2-16bit.png", GeneratedMedia.Save(green, ".png", IccProfiles.AdobeRgbV2), Expect(AdobeToSrgb, v => Math.Pow(v, 563 / 256.0), 60, 200, 60), "Adobe RGB v2 in a 16-bit PNG's iCCP");
        }

        using (var grey = GeneratedMedia.Solid(24, 16, [128]))
        {
            Add("grey-linear-v2.jpg", GeneratedMedia.Save(grey, ".jpg[Q=95]", IccProfiles.GreyLinearV2), Grey(IccProfiles.LinearToSrgb8(128 / 255.0)), "grey linear v2 in APP2", ThroughJpeg);
            Add("grey-gamma18-v4.png", GeneratedMedia.Save(grey, ".png", IccProfiles.GreyGamma18V4), Grey(IccProfiles.LinearToSrgb8(Math.Pow(128 / 255.0, 1.8))), "grey gamma 1.8 v4 in iCCP");
        }

        using (var blue = GeneratedMedia.Solid(24, 16, [60, 120, 180]))
        using (var cmyk = blue.IccExport(outputProfile: "cmyk", intent: Enums.Intent.Perceptual))
        {
            // libvips's built-in CMYK profile is a LUT (press) profile; the reference is lcms2's conversion of the same CMYK
            // samples through it. Converting the inks without it, as ImageSharp does, lands (72,131,225): 40 off in blue.
            var samples = cmyk.Getpoint(1, 1);
            using var referenceCmyk = GeneratedMedia.Solid(1, 1, samples).Copy(interpretation: Enums.Interpretation.Cmyk)
                .Mutate(m => m.Set(GValue.BlobType, "icc-profile-data", (byte[])cmyk.Get("icc-profile-data")));
            using var reference = referenceCmyk.IccTransform("srgb", embedded: true, intent: Enums.Intent.Perceptual);
            var p = reference.Getpoint(0, 0);
            var expected = ((int)Math.Round(p[0]), (int)Math.Round(p[1]), (int)Math.Round(p[2]));
            Add("cmyk-lut.jpg", cmyk.JpegsaveBuffer(q: 95, keep: Enums.ForeignKeep.Icc), expected, "CMYK press LUT profile (v2) in APP2", ThroughJpeg);
            Add("cmyk-lut.tif", cmyk.TiffsaveBuffer(keep: Enums.ForeignKeep.Icc), expected, "CMYK press LUT profile (v2) in a CMYK TIFF");
        }

        using (var violet = GeneratedMedia.Solid(24, 16, [128, 64, 200]))
        {
            var png = GeneratedMedia.Save(violet, ".png");
            Add("gama-linear.png", SourceBytes.PngWith(png, [SourceBytes.Gama(1.0)]), Expect(Identity, v => v, 128, 64, 200), "gAMA 1.0 (linear samples), no cHRM: sRGB primaries");
            Add("srgb-chunk-wins.png", SourceBytes.PngWith(png, [SourceBytes.Srgb(), SourceBytes.Gama(1.0)]), (128, 64, 200), "sRGB chunk beside a contrary gAMA: sRGB wins");
            Add("srgb-v4.png", GeneratedMedia.Save(violet, ".png", IccProfiles.SrgbV4), (128, 64, 200), "an sRGB v4 profile: unchanged");
            Add("grey-profile-on-rgb.png", SourceBytes.PngWith(png, [SourceBytes.Iccp(IccProfiles.GreyLinearV2)]), (128, 64, 200), "a grey profile on RGB samples: ignored, as browsers do");
        }

        using (var greyPng = GeneratedMedia.Solid(24, 16, [100]))
        {
            Add("gama-linear-grey.png", SourceBytes.PngWith(GeneratedMedia.Save(greyPng, ".png"), [SourceBytes.Gama(1.0)]), Grey(IccProfiles.LinearToSrgb8(100 / 255.0)), "grey PNG with gAMA 1.0");
        }

        using (var green8 = GeneratedMedia.Solid(24, 16, [60, 200, 60]))
        {
            var chunks = new[] { SourceBytes.Chrm((0.3127, 0.3290), (0.64, 0.33), (0.21, 0.71), (0.15, 0.06)), SourceBytes.Gama(0.45455) };
            Add("chrm-adobe-gama.png", SourceBytes.PngWith(GeneratedMedia.Save(green8, ".png"), chunks), Expect(AdobeToSrgb, v => Math.Pow(v, 1 / 0.45455), 60, 200, 60), "cHRM with Adobe RGB's primaries and gAMA 0.45455");
        }

        return cases;
    }

    private sealed record ColourCase(string Key, (int R, int G, int B) Expected, int Tolerance, string What);
}
