namespace MediaEdge.Imaging;

/// <summary>
/// <c>crop=entropy</c>: the window position whose luminance histogram has the highest Shannon entropy,
/// searched on a small greyscale copy of the image.
/// </summary>
public static class EntropyWindow
{
    private const int Steps = 32;
    private const int GridMax = 96;

    /// <summary>
    /// Finds the best window of a region of a full-size image: <paramref name="sample"/> gets the scale to shrink the region
    /// by (so its longer side is at most 96 px) and returns its greyscale pixels; the answer is in full-size pixels.
    /// </summary>
    public static (int X, int Y) Locate(PixelRect region, int windowWidth, int windowHeight, Func<double, (byte[] Luma, int Width, int Height)> sample)
    {
        var scale = Math.Min(1.0, (double)GridMax / Math.Max(region.Width, region.Height));
        var (luma, width, height) = sample(scale);
        var (x, y) = Find(luma, width, height, Math.Max(1, (int)Math.Round(windowWidth * scale)), Math.Max(1, (int)Math.Round(windowHeight * scale)));
        return ((int)Math.Round(x / scale), (int)Math.Round(y / scale));
    }

    /// <param name="luma">Greyscale samples, row by row, <paramref name="width"/> × <paramref name="height"/>.</param>
    /// <returns>The best window's top-left corner, in the same grid.</returns>
    public static (int X, int Y) Find(ReadOnlySpan<byte> luma, int width, int height, int windowWidth, int windowHeight)
    {
        windowWidth = Math.Clamp(windowWidth, 1, width);
        windowHeight = Math.Clamp(windowHeight, 1, height);
        int freeX = width - windowWidth, freeY = height - windowHeight;
        int stepX = Math.Max(1, freeX / Steps), stepY = Math.Max(1, freeY / Steps);

        Span<int> histogram = stackalloc int[256];
        int centreX = freeX / 2, centreY = freeY / 2;
        var best = (X: centreX, Y: centreY);
        var bestEntropy = double.NegativeInfinity;
        for (var y = 0; y <= freeY; y += stepY)
        {
            for (var x = 0; x <= freeX; x += stepX)
            {
                histogram.Clear();
                for (var row = y; row < y + windowHeight; row++)
                {
                    foreach (var sample in luma.Slice((row * width) + x, windowWidth))
                    {
                        histogram[sample]++;
                    }
                }

                var entropy = Entropy(histogram, windowWidth * windowHeight);

                // Equal detail in several windows (a subject on a plain background): the one nearest the centre wins.
                var nearer = Math.Abs(x - centreX) + Math.Abs(y - centreY) < Math.Abs(best.X - centreX) + Math.Abs(best.Y - centreY);
                if (entropy > bestEntropy + 1e-9 || (entropy >= bestEntropy - 1e-9 && nearer))
                {
                    bestEntropy = entropy;
                    best = (x, y);
                }
            }
        }

        return best;
    }

    private static double Entropy(ReadOnlySpan<int> histogram, int total)
    {
        var entropy = 0.0;
        foreach (var count in histogram)
        {
            if (count > 0)
            {
                var p = (double)count / total;
                entropy -= p * Math.Log2(p);
            }
        }

        return entropy;
    }
}
