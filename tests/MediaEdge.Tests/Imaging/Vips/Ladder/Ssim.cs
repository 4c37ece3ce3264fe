namespace MediaEdge.Tests.Imaging.Vips.Ladder;

/// <summary>
/// SSIM and PSNR of the luma plane, the way ffmpeg's <c>ssim</c> filter scores one plane (x264's formula: 8x8 windows at a
/// stride of 4, constants for 8-bit samples), so the figures can be checked with <c>ffmpeg -lavfi ssim</c> on gray inputs.
/// </summary>
internal static class Ssim
{
    private const double C1 = .01 * .01 * 255 * 255 * 64;
    private const double C2 = .03 * .03 * 255 * 255 * 64 * 63;

    /// <summary>BT.601 full-range luma of packed 8-bit RGB (3 bytes a pixel), rounded to whole samples as a gray image holds it.</summary>
    public static byte[] Luma(ReadOnlySpan<byte> rgb, int width, int height)
    {
        var luma = new byte[width * height];
        for (var i = 0; i < luma.Length; i++)
        {
            var p = i * 3;
            luma[i] = (byte)Math.Clamp(Math.Round((0.299 * rgb[p]) + (0.587 * rgb[p + 1]) + (0.114 * rgb[p + 2])), 0, 255);
        }

        return luma;
    }

    public static double Score(ReadOnlySpan<byte> reference, ReadOnlySpan<byte> distorted, int width, int height)
    {
        if (reference.Length != width * height || distorted.Length != reference.Length)
        {
            throw new ArgumentException($"Both planes must be {width}x{height}; got {reference.Length} and {distorted.Length} samples.");
        }

        double total = 0;
        var windows = 0;
        for (var y = 0; y + 8 <= height; y += 4)
        {
            for (var x = 0; x + 8 <= width; x += 4)
            {
                long s1 = 0, s2 = 0, ss = 0, s12 = 0;
                for (var dy = 0; dy < 8; dy++)
                {
                    var row = ((y + dy) * width) + x;
                    for (var dx = 0; dx < 8; dx++)
                    {
                        int a = reference[row + dx], b = distorted[row + dx];
                        s1 += a;
                        s2 += b;
                        ss += (a * a) + (b * b);
                        s12 += a * b;
                    }
                }

                double vars = (ss * 64.0) - ((double)s1 * s1) - ((double)s2 * s2);
                double covar = (s12 * 64.0) - ((double)s1 * s2);
                total += ((2.0 * s1 * s2) + C1) * ((2 * covar) + C2) / ((((double)s1 * s1) + ((double)s2 * s2) + C1) * (vars + C2));
                windows++;
            }
        }

        return total / windows;
    }
}
