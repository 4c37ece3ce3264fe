using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MediaEdge.IntegrationTests.Assertions;

/// <summary>Whether a served picture is the one expected: a measure of <see cref="Pixels"/> held under a bound, most of them from <see cref="Tolerances"/>.</summary>
public static class Likeness
{
    /// <summary>Fails unless <paramref name="measure"/> of the two pictures is below <paramref name="tolerance"/>, naming <paramref name="what"/>; returns it.</summary>
    public static double AssertWithin(Func<Image<Rgba32>, Image<Rgba32>, double> measure, Image<Rgba32> expected, Image<Rgba32> actual, double tolerance, string what)
    {
        var difference = measure(expected, actual);
        Assert.True(difference < tolerance, $"{what}: {difference:0.00} away, under {tolerance} allowed");
        return difference;
    }

    /// <summary><see cref="AssertWithin"/> by <see cref="Pixels.MeanAbsoluteDifference"/>: the same pixels.</summary>
    public static double AssertClose(Image<Rgba32> expected, Image<Rgba32> actual, double tolerance, string what) =>
        AssertWithin(Pixels.MeanAbsoluteDifference, expected, actual, tolerance, what);

    /// <summary><see cref="AssertWithin"/> by <see cref="Pixels.CoarseDifference"/>: the same picture, codec and dither noise aside.</summary>
    public static double AssertCloseCoarse(Image<Rgba32> expected, Image<Rgba32> actual, double tolerance, string what) =>
        AssertWithin(Pixels.CoarseDifference, expected, actual, tolerance, what);
}
