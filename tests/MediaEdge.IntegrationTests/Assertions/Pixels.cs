using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace MediaEdge.IntegrationTests.Assertions;

/// <summary>
/// Decodes response bodies with ImageSharp and measures them, so tests assert on pixels, not on the service's own word.
/// What ImageSharp 2.1 cannot read (AVIF, animated WebP) is decoded by libvips instead, through its loaders alone.
/// </summary>
public static class Pixels
{
    /// <summary>The size a decoder sees; for AVIF, the size its primary image declares.</summary>
    public static (int Width, int Height) Size(byte[] body)
    {
        if (Magic.IsAvif(body))
        {
            return Containers.AvifSize(body);
        }

        // ImageSharp 2.1 cannot read animated WebP (the vips engine writes it): its canvas is in the VP8X chunk.
        if (Magic.IsWebp(body) && Containers.WebpChunks(body).Contains("ANMF"))
        {
            return Containers.WebpCanvas(body);
        }

        var info = Image.Identify(body) ?? throw new Xunit.Sdk.XunitException($"The body ({body.Length} bytes) is not an image ImageSharp can read.");
        return (info.Width, info.Height);
    }

    public static Image<Rgba32> Load(byte[] body) => Image.Load<Rgba32>(body);

    /// <summary>Decodes every frame with libvips (libheif for AVIF, libwebp's demuxer for animated WebP), failing on any decoder error.</summary>
    public static Image<Rgba32> LoadWithVips(byte[] body)
    {
        using var decoded = NetVips.Image.NewFromBuffer(body, "[n=-1]", failOn: NetVips.Enums.FailOn.Error);
        using var srgb = decoded.Colourspace(NetVips.Enums.Interpretation.Srgb);
        using var rgba = srgb.HasAlpha() ? srgb.Copy() : srgb.Bandjoin(255);
        using var bytes = rgba.Cast(NetVips.Enums.BandFormat.Uchar);
        var pixels = bytes.WriteToMemory<byte>();
        var frameHeight = decoded.Contains("page-height") ? (int)decoded.Get("page-height") : decoded.Height;
        var frameBytes = bytes.Width * frameHeight * 4;
        var image = Image.LoadPixelData<Rgba32>(pixels.AsSpan(0, frameBytes), bytes.Width, frameHeight);
        for (var offset = frameBytes; offset < pixels.Length; offset += frameBytes)
        {
            using var frame = Image.LoadPixelData<Rgba32>(pixels.AsSpan(offset, frameBytes), bytes.Width, frameHeight);
            image.Frames.AddFrame(frame.Frames.RootFrame);
        }

        return image;
    }

    /// <summary>Mean of |a - b| over the R, G and B channels of every pixel, 0 to 255.</summary>
    public static double MeanAbsoluteDifference(Image<Rgba32> a, Image<Rgba32> b)
    {
        Assert.Equal((a.Width, a.Height), (b.Width, b.Height));
        long sum = 0;
        for (var y = 0; y < a.Height; y++)
        {
            for (var x = 0; x < a.Width; x++)
            {
                Rgba32 p = a[x, y], q = b[x, y];
                sum += Math.Abs(p.R - q.R) + Math.Abs(p.G - q.G) + Math.Abs(p.B - q.B);
            }
        }

        return sum / (3.0 * a.Width * a.Height);
    }

    /// <summary>
    /// <see cref="MeanAbsoluteDifference"/> of quarter-size box downscales: codec loss and dither noise average out, the picture does not.
    /// </summary>
    public static double CoarseDifference(Image<Rgba32> a, Image<Rgba32> b)
    {
        Assert.Equal((a.Width, a.Height), (b.Width, b.Height));
        var (width, height) = (Math.Max(1, a.Width / 4), Math.Max(1, a.Height / 4));
        using var smallA = Resized(a, width, height);
        using var smallB = Resized(b, width, height);
        return MeanAbsoluteDifference(smallA, smallB);
    }

    public static (double R, double G, double B) Mean(Image<Rgba32> image, Rectangle? area = null)
    {
        var r = area ?? new Rectangle(0, 0, image.Width, image.Height);
        double red = 0, green = 0, blue = 0;
        for (var y = r.Top; y < r.Bottom; y++)
        {
            for (var x = r.Left; x < r.Right; x++)
            {
                var p = image[x, y];
                red += p.R;
                green += p.G;
                blue += p.B;
            }
        }

        double n = r.Width * r.Height;
        return (red / n, green / n, blue / n);
    }

    /// <summary>Mean luma step between horizontal neighbours: high for sharp detail, low for blur or flat colour.</summary>
    public static double Detail(Image<Rgba32> image)
    {
        double sum = 0;
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 1; x < image.Width; x++)
            {
                sum += Math.Abs(Luma(image[x, y]) - Luma(image[x - 1, y]));
            }
        }

        return sum / ((image.Width - 1.0) * image.Height);
    }

    public static int MinAlpha(Image<Rgba32> image)
    {
        var min = 255;
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                min = Math.Min(min, image[x, y].A);
            }
        }

        return min;
    }

    /// <summary>A copy resized by the test itself (box filter), to compare with what the service made.</summary>
    public static Image<Rgba32> Resized(Image<Rgba32> image, int width, int height) =>
        image.Clone(ctx => ctx.Resize(new ResizeOptions { Size = new Size(width, height), Mode = ResizeMode.Stretch, Sampler = KnownResamplers.Box }));

    private static double Luma(Rgba32 p) => (0.299 * p.R) + (0.587 * p.G) + (0.114 * p.B);
}
