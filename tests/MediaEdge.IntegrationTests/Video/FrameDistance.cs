using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MediaEdge.IntegrationTests.Video;

/// <summary>
/// How far apart two pictures of one scene are: both box-scaled to 64 px wide (the height kept in proportion), then
/// the mean absolute difference of R, G and B, 0 to 255. At that size compression and scaler differences average out,
/// while a different moment of the video does not.
/// </summary>
public static class FrameDistance
{
    public const int Width = 64;

    /// <summary>
    /// Largest distance between a thumbnail and ffmpeg's own frame of the same moment: compression and scaling alone.
    /// Measured 0.3–0.8; in the slideshow, frames half a second apart are 7.6 or more apart.
    /// </summary>
    public const double SameFrame = 3;

    /// <summary>Smallest distance the tests need between the reference frames they tell apart, so a comparison that passes means something.</summary>
    public const double OtherFrame = 6;

    public static double Between(Image<Rgba32> a, Image<Rgba32> b)
    {
        var height = (int)Math.Round(Width * a.Height / (double)a.Width);
        using var small = Pixels.Resized(a, Width, height);
        using var other = Pixels.Resized(b, Width, height);
        return Pixels.MeanAbsoluteDifference(small, other);
    }

    public static double Between(byte[] body, Image<Rgba32> reference)
    {
        using var image = Pixels.Load(body);
        return Between(image, reference);
    }
}
