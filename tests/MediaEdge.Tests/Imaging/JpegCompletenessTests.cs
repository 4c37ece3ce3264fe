using MediaEdge.Imaging;
using NetVips;
using VImage = NetVips.Image;

namespace MediaEdge.Tests.Imaging;

/// <summary>
/// <see cref="JpegCompleteness"/> against JPEGs libjpeg-turbo writes in each Huffman coding mode: a whole file, and the same
/// file without its end marker, are whole; a file cut anywhere inside its scans, or after a progressive scan that is not
/// the last, is truncated (422).
/// </summary>
public sealed class JpegCompletenessTests
{
    public static TheoryData<string> Modes => ["baseline-420", "baseline-444", "grey", "progressive", "progressive-444", "restart-1", "restart-3", "optimised"];

    [Theory]
    [MemberData(nameof(Modes))]
    public void Check_WholeFile_EndsWithItsMarker(string mode)
    {
        Assert.Equal(JpegEnd.Marker, JpegCompleteness.Check(Jpeg(mode)));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void Check_WholeFileWithoutItsEndMarker_IsWhole(string mode)
    {
        var jpeg = Jpeg(mode);

        Assert.Equal(JpegEnd.MissingMarker, JpegCompleteness.Check(jpeg.AsSpan(0, jpeg.Length - 2)));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void Check_CutAnywhereInsideTheScans_IsTruncated(string mode)
    {
        var jpeg = Jpeg(mode);
        var firstScan = jpeg.AsSpan().IndexOf([(byte)0xFF, (byte)0xDA]);

        // The last few bytes before the end marker may be padding the decoder never needs; everything before them is data.
        for (var length = firstScan + 2; length < jpeg.Length - 12; length++)
        {
            var problem = ProblemAssert.Status(422, () => JpegCompleteness.Check(jpeg.AsSpan(0, length)));
            Assert.Contains("truncated", problem.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Check_ProgressiveCutBetweenScans_IsTruncatedBeforeItsLastRefinement()
    {
        var jpeg = Jpeg("progressive");
        var scans = new List<int>();
        for (var at = jpeg.AsSpan().IndexOf([(byte)0xFF, (byte)0xDA]); at >= 0; at = IndexOf(jpeg, at + 2))
        {
            scans.Add(at);
        }

        Assert.True(scans.Count > 2, $"{scans.Count} scans");
        foreach (var next in scans.Skip(1))
        {
            var problem = ProblemAssert.Status(422, () => JpegCompleteness.Check(jpeg.AsSpan(0, next)));
            Assert.Contains("refinement", problem.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Check_TrailingBytesAfterTheEndMarker_AreWhole()
    {
        byte[] jpeg = [.. Jpeg("baseline-420"), .. "trailing"u8, 0, 0];

        Assert.Equal(JpegEnd.Marker, JpegCompleteness.Check(jpeg));
    }

    [Fact]
    public void Check_CutInsideTheHeaders_IsTruncatedBeforeTheImageData()
    {
        var jpeg = Jpeg("baseline-420");

        var problem = ProblemAssert.Status(422, () => JpegCompleteness.Check(jpeg.AsSpan(0, 30)));

        Assert.Contains("before its image data", problem.Message, StringComparison.Ordinal);
    }

    /// <summary>A frame over the pixel limit is refused by that limit (413) right after; the walk, which keeps a bit per coefficient, is not run for it.</summary>
    [Fact]
    public void Check_FrameOverThePixelLimit_IsNotWalked()
    {
        var jpeg = Jpeg("progressive");
        var cut = jpeg.AsSpan(0, jpeg.Length / 2);

        Assert.Equal(JpegEnd.MissingMarker, JpegCompleteness.Check(cut, maxPixels: 96 * 56 - 1));
        ProblemAssert.Status(422, () => JpegCompleteness.Check(jpeg.AsSpan(0, jpeg.Length / 2), maxPixels: 96 * 56));
    }

    [Fact]
    public void WithEndMarker_AppendsFfD9()
    {
        var jpeg = Jpeg("baseline-420");

        var repaired = JpegCompleteness.WithEndMarker(jpeg.AsSpan(0, jpeg.Length - 2));

        Assert.Equal(jpeg, repaired);
    }

    private static int IndexOf(byte[] data, int from)
    {
        var at = data.AsSpan(from).IndexOf([(byte)0xFF, (byte)0xDA]);
        return at < 0 ? -1 : from + at;
    }

    /// <summary>A 96x56 picture with detail in every block, written by libjpeg-turbo (through libvips) in the given mode.</summary>
    private static byte[] Jpeg(string mode)
    {
        var pixels = new byte[96 * 56 * 3];
        var random = new Random(11);
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)((i / 3 % 96 * 2) + random.Next(40));
        }

        using var raw = VImage.NewFromMemory(pixels, 96, 56, 3, Enums.BandFormat.Uchar);
        using var rgb = raw.Copy(interpretation: Enums.Interpretation.Srgb);
        using var image = mode == "grey" ? rgb.Colourspace(Enums.Interpretation.Bw) : rgb.Copy();
        return mode switch
        {
            "baseline-444" or "progressive-444" => image.JpegsaveBuffer(q: 90, interlace: mode.StartsWith("progressive", StringComparison.Ordinal), subsampleMode: Enums.ForeignSubsample.Off),
            "progressive" => image.JpegsaveBuffer(q: 90, interlace: true),
            "restart-1" => image.JpegsaveBuffer(q: 90, restartInterval: 1),
            "restart-3" => image.JpegsaveBuffer(q: 90, restartInterval: 3),
            "optimised" => image.JpegsaveBuffer(q: 75, optimizeCoding: true),
            _ => image.JpegsaveBuffer(q: 90),
        };
    }
}
