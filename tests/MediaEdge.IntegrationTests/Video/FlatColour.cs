using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MediaEdge.IntegrationTests.Video;

/// <summary>Names the flat colour a frame of the generated test videos shows, from the mean of its middle.</summary>
public static class FlatColour
{
    private static readonly (string Name, double R, double G, double B)[] Palette =
    [
        ("red", 255, 0, 0),
        ("lime", 0, 255, 0),
        ("blue", 0, 0, 255),
        ("orange", 255, 166, 0),
        ("black", 0, 0, 0),
    ];

    /// <summary>The palette colour nearest the mean of the picture's middle half, and how far the mean is from it (largest channel difference).</summary>
    public static (string Name, double Distance, (double R, double G, double B) Mean) Of(Image<Rgba32> image, Rectangle? area = null)
    {
        var a = area ?? new Rectangle(0, 0, image.Width, image.Height);
        var middle = new Rectangle(a.X + (a.Width / 4), a.Y + (a.Height / 4), Math.Max(1, a.Width / 2), Math.Max(1, a.Height / 2));
        var mean = Pixels.Mean(image, middle);
        var nearest = Palette.MinBy(p => Math.Max(Math.Abs(p.R - mean.R), Math.Max(Math.Abs(p.G - mean.G), Math.Abs(p.B - mean.B))));
        var distance = Math.Max(Math.Abs(nearest.R - mean.R), Math.Max(Math.Abs(nearest.G - mean.G), Math.Abs(nearest.B - mean.B)));
        return (nearest.Name, distance, mean);
    }

    /// <summary>Asserts the picture (or an area of it) shows the named colour, within 40 levels a channel (compression, chroma subsampling).</summary>
    public static void Assert(string expected, Image<Rgba32> image, string what, Rectangle? area = null)
    {
        var (name, distance, mean) = Of(image, area);
        Xunit.Assert.True(name == expected && distance <= 40, $"{what}: expected {expected}, got mean RGB ({mean.R:0}, {mean.G:0}, {mean.B:0}), nearest {name} at {distance:0}");
    }
}
