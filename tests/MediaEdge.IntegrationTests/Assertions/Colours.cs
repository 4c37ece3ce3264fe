using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MediaEdge.IntegrationTests.Assertions;

/// <summary>The colour a user sees at one point of a decoded image, held to the colour expected there.</summary>
public static class Colours
{
    /// <summary>Fails unless the pixel at (x, y) is within <paramref name="tolerance"/> levels of <paramref name="expected"/> in each of R, G and B; writes what it found to <paramref name="output"/> where given.</summary>
    public static void AssertNear(Image<Rgba32> image, int x, int y, (int R, int G, int B) expected, int tolerance, string what, ITestOutputHelper? output = null)
    {
        var p = image[x, y];
        var off = Math.Max(Math.Abs(p.R - expected.R), Math.Max(Math.Abs(p.G - expected.G), Math.Abs(p.B - expected.B)));
        output?.WriteLine($"{what}: ({p.R},{p.G},{p.B}), expected ({expected.R},{expected.G},{expected.B}), {off} off");
        Assert.True(off <= tolerance, $"{what}: ({p.R},{p.G},{p.B}) where ({expected.R},{expected.G},{expected.B}) ±{tolerance} was expected");
    }

    /// <summary><see cref="AssertNear"/> at a fraction of the width and of the height: 0 the first pixel, 1 the last.</summary>
    public static void AssertNearAt(Image<Rgba32> image, double fx, double fy, (int R, int G, int B) expected, int tolerance, string what) =>
        AssertNear(image, (int)(fx * (image.Width - 1)), (int)(fy * (image.Height - 1)), expected, tolerance, what);
}
