using MediaEdge.Limits;
using MediaEdge.Requests;
using NetVips;
using VImage = NetVips.Image;

namespace MediaEdge.Imaging.Vips;

/// <summary>
/// The libvips engine (NetVips): shrink-on-load for JPEG and WebP, streaming where it can, AVIF through libheif,
/// progressive JPEG, animated GIF/WebP in and out. The geometry comes from the same <see cref="ResizePlanner"/> as the
/// ImageSharp engine, so both agree on every output size.
/// </summary>
public sealed class VipsEngine : IImageEngine
{
    private readonly LimitsOptions _limits;
    private readonly ImagingOptions _options;

    public VipsEngine(LimitsOptions limits, ImagingOptions options)
    {
        _limits = limits;
        _options = options;

        // Caching is ours, and requests already run side by side, one per core.
        Cache.Max = 0;
        Cache.MaxMem = 0;
        Cache.MaxFiles = 0;
        NetVips.NetVips.Concurrency = 1;
    }

    public string Name => "vips";

    public string Version { get; } = $"{NetVips.NetVips.Version(0)}.{NetVips.NetVips.Version(1)}.{NetVips.NetVips.Version(2)}";

    public bool CanEncode(OutputFormat format) => format is not (OutputFormat.Source or OutputFormat.JpegOrPng);

    public bool CanAnimate(OutputFormat format) => format is OutputFormat.Gif or OutputFormat.Webp;

    public SourceInfo Identify(ReadOnlyMemory<byte> source)
    {
        var format = ImageFormatSniffer.Sniff(source.Span);
        try
        {
            using var image = VImage.NewFromBuffer(source.ToArray(), "", Enums.Access.Sequential, Enums.FailOn.None);
            var frames = image.Contains("n-pages") ? Math.Max(1, (int)image.Get("n-pages")) : 1;
            var orientation = image.Contains("orientation") ? Convert.ToInt32(image.Get("orientation"), System.Globalization.CultureInfo.InvariantCulture) : 1;
            var pageHeight = image.Contains("page-height") ? (int)image.Get("page-height") : image.Height;
            if (format == SourceFormat.Gif)
            {
                frames = Math.Max(frames, ContainerProbe.CountGifFrames(source.Span));
            }

            return new SourceInfo(format, image.Width, pageHeight, image.HasAlpha(), frames, orientation is >= 1 and <= 8 ? orientation : 1);
        }
        catch (VipsException e)
        {
            throw Problems.Undecodable($"The {format} header could not be read: {FirstLine(e.Message)}", e);
        }
    }

    public EncodedImage Render(ReadOnlyMemory<byte> source, ImagePlan plan, CancellationToken cancellationToken)
    {
        if (plan.Source.Format == SourceFormat.Jpeg && !ContainerProbe.JpegHasEnd(source.Span))
        {
            throw Problems.Undecodable("The JPEG is truncated: its image data ends before the end-of-image marker. Upload the whole file again.");
        }

        try
        {
            var bytes = source.ToArray();
            using var image = plan.Animate ? Animated(bytes, plan) : Still(bytes, plan, cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            var output = Encode(image, plan);
            var height = image.Contains("page-height") ? (int)image.Get("page-height") : image.Height;
            return new EncodedImage(output, VipsEncoders.ContentType(plan.Format), image.Width, height);
        }
        catch (VipsException e)
        {
            throw Problems.Undecodable($"The {plan.Source.Format} image could not be processed: {FirstLine(e.Message)}", e);
        }
    }

    private static string FirstLine(string message) => message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? message;

    private VImage Still(byte[] bytes, ImagePlan plan, CancellationToken cancellationToken)
    {
        var spec = plan.Spec;
        var shrink = ShrinkOnLoad(plan);
        var options = new VOption();
        if (shrink > 1)
        {
            options.Add(plan.Source.Format == SourceFormat.Jpeg ? "shrink" : "scale", plan.Source.Format == SourceFormat.Jpeg ? shrink : 1.0 / shrink);
        }

        var image = VImage.NewFromBuffer(bytes, "", Enums.Access.Random, Enums.FailOn.Error, options);
        image = Step(image, i => i.Autorot());
        image = ToSrgb(image);
        if (spec.Flip.HasFlag(Requests.FlipMode.Horizontal))
        {
            image = Step(image, i => i.Flip(Enums.Direction.Horizontal));
        }

        if (spec.Flip.HasFlag(Requests.FlipMode.Vertical))
        {
            image = Step(image, i => i.Flip(Enums.Direction.Vertical));
        }

        image = spec.Rotate switch
        {
            0 => image,
            90 => Step(image, i => i.Rot(Enums.Angle.D90)),
            180 => Step(image, i => i.Rot(Enums.Angle.D180)),
            270 => Step(image, i => i.Rot(Enums.Angle.D270)),
            _ => Step(WithAlpha(image), i => i.Rotate(spec.Rotate, background: [0, 0, 0, 0])),
        };
        cancellationToken.ThrowIfCancellationRequested();

        var geometry = ResizePlanner.Plan(image.Width, image.Height, spec, (region, w, h) => LocateEntropy(image, region, w, h));
        var crop = geometry.Crop;
        if (crop.X != 0 || crop.Y != 0 || crop.Width != image.Width || crop.Height != image.Height)
        {
            image = Step(image, i => i.Crop(crop.X, crop.Y, crop.Width, crop.Height));
        }

        if (geometry.ResizeWidth != image.Width || geometry.ResizeHeight != image.Height)
        {
            double hscale = (double)geometry.ResizeWidth / image.Width, vscale = (double)geometry.ResizeHeight / image.Height;
            image = Step(image, i => i.Resize(hscale, Enums.Kernel.Lanczos3, vscale: vscale));
        }

        if (geometry.Pads)
        {
            var keepsAlpha = plan.Background is null;
            var padded = keepsAlpha ? WithAlpha(image) : image;
            double[] fill = plan.Background is { } bg ? (padded.HasAlpha() ? [bg.R, bg.G, bg.B, 255] : [bg.R, bg.G, bg.B]) : [0, 0, 0, 0];
            image = Step(padded, i => i.Embed(geometry.OffsetX, geometry.OffsetY, geometry.CanvasWidth, geometry.CanvasHeight, Enums.Extend.Background, fill));
        }

        if (spec.Blur > 0)
        {
            image = Step(image, i => i.Gaussblur(ImageSharp.ImageSharpEngine.BlurSigma(spec.Blur)));
        }

        if (spec.Sharpen > 0)
        {
            image = Step(image, i => i.Sharpen(sigma: ImageSharp.ImageSharpEngine.SharpenSigma(spec.Sharpen)));
        }

        if (plan.Background is { } background && image.HasAlpha())
        {
            image = Step(image, i => i.Flatten([background.R, background.G, background.B]));
        }

        return image;
    }

    private VImage Animated(byte[] bytes, ImagePlan plan)
    {
        // All frames, scaled as one strip by libvips's thumbnail (it keeps page-height and delays); geometry beyond a plain resize keeps to the first frame.
        var (width, height) = ImagePlanner.RotatedSize(plan.Source.OrientedWidth, plan.Source.OrientedHeight, plan.Spec.Rotate);
        var geometry = ResizePlanner.Plan(width, height, plan.Spec);
        var image = VImage.ThumbnailBuffer(bytes, geometry.CanvasWidth, "[n=-1]", height: geometry.CanvasHeight, size: Enums.Size.Force, failOn: Enums.FailOn.Error);
        return ToSrgb(image);
    }

    private static VImage ToSrgb(VImage image)
    {
        if (image.Contains("icc-profile-data") || image.Interpretation == Enums.Interpretation.Cmyk)
        {
            image = Step(image, i => i.IccTransform("srgb", embedded: true, intent: Enums.Intent.Perceptual));
        }

        if (image.Interpretation is not (Enums.Interpretation.Srgb or Enums.Interpretation.Rgb))
        {
            image = Step(image, i => i.Colourspace(Enums.Interpretation.Srgb));
        }

        if (image.Format != Enums.BandFormat.Uchar)
        {
            image = Step(image, i => i.Cast(Enums.BandFormat.Uchar, shift: i.Format == Enums.BandFormat.Ushort));
        }

        return image;
    }

    private static VImage WithAlpha(VImage image) => image.HasAlpha() ? image : Step(image, i => i.Bandjoin(255));

    /// <summary>Applies one operation and releases the image it replaces.</summary>
    private static VImage Step(VImage image, Func<VImage, VImage> operation)
    {
        var next = operation(image);
        if (!ReferenceEquals(next, image))
        {
            image.Dispose();
        }

        return next;
    }

    /// <summary>JPEG (1/2, 1/4, 1/8) and WebP decode smaller when the output is small enough, so far fewer pixels are ever decoded.</summary>
    private static int ShrinkOnLoad(ImagePlan plan)
    {
        var spec = plan.Spec;
        if (plan.Source.Format is not (SourceFormat.Jpeg or SourceFormat.Webp) || spec.Rect is not null || spec.Rotate % 90 != 0
            || spec.Width is { IsRatio: true } || spec.Height is { IsRatio: true } || spec.Blur > 0)
        {
            return 1;
        }

        var (width, height) = ImagePlanner.RotatedSize(plan.Source.OrientedWidth, plan.Source.OrientedHeight, spec.Rotate);
        var geometry = ResizePlanner.Plan(width, height, spec);
        foreach (var shrink in new[] { 8, 4, 2 })
        {
            // The window must still hold the output at this shrink, so the plan on the smaller image gives the same size.
            if (geometry.Crop.Width / shrink >= geometry.ResizeWidth * 1.5 && geometry.Crop.Height / shrink >= geometry.ResizeHeight * 1.5
                && width % shrink == 0 && height % shrink == 0)
            {
                return shrink;
            }
        }

        return 1;
    }

    private static (int X, int Y) LocateEntropy(VImage image, PixelRect region, int windowWidth, int windowHeight)
    {
        const int GridMax = 96;
        var scale = Math.Min(1.0, (double)GridMax / Math.Max(region.Width, region.Height));
        using var area = image.Crop(region.X, region.Y, region.Width, region.Height);
        using var small = area.Resize(scale);
        using var grey = small.Colourspace(Enums.Interpretation.Bw);
        using var band = grey.ExtractBand(0);
        using var bytes = band.Cast(Enums.BandFormat.Uchar);
        var luma = bytes.WriteToMemory<byte>();
        var (x, y) = EntropyWindow.Find(luma, bytes.Width, bytes.Height, Math.Max(1, (int)Math.Round(windowWidth * scale)), Math.Max(1, (int)Math.Round(windowHeight * scale)));
        return ((int)Math.Round(x / scale), (int)Math.Round(y / scale));
    }

    private static byte[] Jpeg(VImage image, ImagePlan plan)
    {
        using var flat = image.HasAlpha() ? image.Flatten([255, 255, 255]) : null;
        return (flat ?? image).JpegsaveBuffer(q: plan.Quality, optimizeCoding: true, interlace: plan.Format == OutputFormat.ProgressiveJpeg, keep: Enums.ForeignKeep.None);
    }

    private byte[] Encode(VImage image, ImagePlan plan)
    {
        var compress = plan.Spec.Compress;
        return plan.Format switch
        {
            OutputFormat.Jpeg or OutputFormat.ProgressiveJpeg => Jpeg(image, plan),
            OutputFormat.Png => image.PngsaveBuffer(compression: 6, palette: compress, keep: Enums.ForeignKeep.None),
            OutputFormat.Webp => image.WebpsaveBuffer(q: plan.Quality, effort: 4, keep: Enums.ForeignKeep.None),
            OutputFormat.Gif => image.GifsaveBuffer(keep: Enums.ForeignKeep.None),
            OutputFormat.Avif => image.HeifsaveBuffer(q: plan.Quality, compression: Enums.ForeignHeifCompression.Av1, effort: _options.AvifEffort, keep: Enums.ForeignKeep.None),
            _ => throw new ArgumentOutOfRangeException(nameof(plan), plan.Format, "not an image format"),
        };
    }
}
