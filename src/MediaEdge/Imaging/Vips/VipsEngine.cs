using MediaEdge.Limits;
using MediaEdge.Negotiation;
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
        if (format == SourceFormat.Bmp)
        {
            return IdentifyBmp(source);
        }

        try
        {
            using var image = VImage.NewFromBuffer(Whole(source), "", Enums.Access.Sequential, Enums.FailOn.None);
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
            var bytes = Whole(source);
            using var image = plan.Animate ? Animated(bytes, plan, cancellationToken) : Still(bytes, plan, cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            var output = Encode(image, plan);
            var height = image.Contains("page-height") ? (int)image.Get("page-height") : image.Height;
            return new EncodedImage(output, OutputContentType.Of(plan.Format), image.Width, height);
        }
        catch (VipsException e)
        {
            throw Problems.Undecodable($"The {plan.Source.Format} image could not be processed: {FirstLine(e.Message)}", e);
        }
    }

    /// <summary>The bytes as one array, without a copy when they already are one (source bytes of 5 MB would otherwise be copied twice per request).</summary>
    private static byte[] Whole(ReadOnlyMemory<byte> source) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(source, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : source.ToArray();

    private static string FirstLine(string message) => message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? message;

    private VImage Still(byte[] bytes, ImagePlan plan, CancellationToken cancellationToken)
    {
        var shrink = ShrinkOnLoad(plan);
        var options = new VOption();
        if (shrink > 1)
        {
            options.Add(plan.Source.Format == SourceFormat.Jpeg ? "shrink" : "scale", plan.Source.Format == SourceFormat.Jpeg ? shrink : 1.0 / shrink);
        }

        var image = plan.Source.Format == SourceFormat.Bmp
            ? LoadBmp(bytes, plan.Source.HasAlpha)
            : VImage.NewFromBuffer(bytes, "", Enums.Access.Random, Enums.FailOn.Error, options);
        image = Step(image, i => i.Autorot());
        image = Orient(ToSrgb(image), plan.Spec);
        cancellationToken.ThrowIfCancellationRequested();

        var geometry = ResizePlanner.Plan(image.Width, image.Height, plan.Spec, (region, w, h) => LocateEntropy(image, region, w, h));
        return Shape(image, plan, geometry);
    }

    private VImage Animated(byte[] bytes, ImagePlan plan, CancellationToken cancellationToken)
    {
        // Every frame takes the still path, with the geometry planned once on the first, so crops, pads, turns and flips apply to all alike.
        using var strip = ToSrgb(VImage.NewFromBuffer(bytes, "[n=-1]", Enums.Access.Random, Enums.FailOn.Error));
        var pageHeight = strip.PageHeight;
        var frames = new VImage[strip.Height / pageHeight];
        try
        {
            ResizePlan? geometry = null;
            for (var f = 0; f < frames.Length; f++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var frame = Orient(strip.Crop(0, f * pageHeight, strip.Width, pageHeight), plan.Spec);
                geometry ??= ResizePlanner.Plan(frame.Width, frame.Height, plan.Spec, (region, w, h) => LocateEntropy(frame, region, w, h));
                frames[f] = Shape(frame, plan, geometry);
            }

            using var joined = VImage.Arrayjoin(frames, across: 1);
            var frameHeight = frames[0].Height;
            return joined.Mutate(m => m.Set("page-height", frameHeight));
        }
        finally
        {
            foreach (var frame in frames)
            {
                frame?.Dispose();
            }
        }
    }

    /// <summary>flip, then rot: the orientation the size rules see.</summary>
    private static VImage Orient(VImage image, TransformSpec spec)
    {
        if (spec.Flip.HasFlag(Requests.FlipMode.Horizontal))
        {
            image = Step(image, i => i.Flip(Enums.Direction.Horizontal));
        }

        if (spec.Flip.HasFlag(Requests.FlipMode.Vertical))
        {
            image = Step(image, i => i.Flip(Enums.Direction.Vertical));
        }

        return spec.Rotate switch
        {
            0 => image,
            90 => Step(image, i => i.Rot(Enums.Angle.D90)),
            180 => Step(image, i => i.Rot(Enums.Angle.D180)),
            270 => Step(image, i => i.Rot(Enums.Angle.D270)),
            _ => Step(WithAlpha(image), i => i.Rotate(spec.Rotate, background: [0, 0, 0, 0])),
        };
    }

    /// <summary>The planned crop, resize and padding, then blur, sharpen and the background.</summary>
    private static VImage Shape(VImage image, ImagePlan plan, ResizePlan geometry)
    {
        var spec = plan.Spec;
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

    private static VImage ToSrgb(VImage image)
    {
        if (image.Contains("icc-profile-data"))
        {
            image = Step(image, i => i.IccTransform("srgb", embedded: true, intent: Enums.Intent.Perceptual));
        }
        else if (image.Interpretation == Enums.Interpretation.Cmyk)
        {
            // Without a profile, inks convert as ImageSharp and browsers do, R = (255 - C)(255 - K) / 255, not through a guessed press profile.
            image = Step(image, UntaggedCmykToSrgb);
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

    private static VImage UntaggedCmykToSrgb(VImage cmyk)
    {
        using var inverted = cmyk.ExtractBand(0, n: 4).Linear([-1.0, -1, -1, -1], [255.0, 255, 255, 255]);
        using var cmy = inverted.ExtractBand(0, n: 3);
        using var k = inverted.ExtractBand(3);
        using var product = cmy.Multiply(k);
        using var rgb = product.Linear([1 / 255.0], [0.5]).Cast(Enums.BandFormat.Uchar);
        return rgb.Copy(interpretation: Enums.Interpretation.Srgb);
    }

    /// <summary>libvips reads BMP only through ImageMagick, which NetVips.Native leaves out; ImageSharp, already a dependency, reads it instead.</summary>
    private static SourceInfo IdentifyBmp(ReadOnlyMemory<byte> source)
    {
        try
        {
            var info = SixLabors.ImageSharp.Image.Identify(source.ToArray());
            if (info is null || info.Width <= 0 || info.Height <= 0)
            {
                throw Problems.Undecodable("The Bmp header could not be read.");
            }

            var alpha = info.PixelType?.AlphaRepresentation is SixLabors.ImageSharp.PixelFormats.PixelAlphaRepresentation.Associated or SixLabors.ImageSharp.PixelFormats.PixelAlphaRepresentation.Unassociated;
            return new SourceInfo(SourceFormat.Bmp, info.Width, info.Height, alpha, 1, 1);
        }
        catch (SixLabors.ImageSharp.ImageFormatException e)
        {
            throw Problems.Undecodable($"The Bmp header could not be read: {e.Message}", e);
        }
    }

    private static VImage LoadBmp(byte[] bytes, bool alpha)
    {
        try
        {
            return alpha ? FromImageSharp<SixLabors.ImageSharp.PixelFormats.Rgba32>(bytes, 4) : FromImageSharp<SixLabors.ImageSharp.PixelFormats.Rgb24>(bytes, 3);
        }
        catch (SixLabors.ImageSharp.ImageFormatException e)
        {
            throw Problems.Undecodable($"The Bmp image data could not be decoded: {e.Message}", e);
        }
    }

    private static VImage FromImageSharp<TPixel>(byte[] bytes, int bands)
        where TPixel : unmanaged, SixLabors.ImageSharp.PixelFormats.IPixel<TPixel>
    {
        using var decoded = SixLabors.ImageSharp.Image.Load<TPixel>(bytes);
        var pixels = new byte[decoded.Width * decoded.Height * bands];
        decoded.CopyPixelDataTo(pixels);
        using var raw = VImage.NewFromMemory(pixels, decoded.Width, decoded.Height, bands, Enums.BandFormat.Uchar);
        return raw.Copy(interpretation: Enums.Interpretation.Srgb);
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

    private static (int X, int Y) LocateEntropy(VImage image, PixelRect region, int windowWidth, int windowHeight) =>
        EntropyWindow.Locate(region, windowWidth, windowHeight, scale =>
        {
            using var area = image.Crop(region.X, region.Y, region.Width, region.Height);
            using var small = area.Resize(scale);
            using var grey = small.Colourspace(Enums.Interpretation.Bw);
            using var band = grey.ExtractBand(0);
            using var bytes = band.Cast(Enums.BandFormat.Uchar);
            return (bytes.WriteToMemory<byte>(), bytes.Width, bytes.Height);
        });

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
