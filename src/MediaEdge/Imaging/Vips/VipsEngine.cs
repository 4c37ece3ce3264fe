using MediaEdge.Imaging.Colour;
using MediaEdge.Imaging.Vips.Ladder;
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
public sealed class VipsEngine : IImageEngine, IDisposable
{
    private readonly LimitsOptions _limits;
    private readonly ImagingOptions _options;
    private readonly DecodeLadder _ladder;

    /// <param name="time">The ladder's clock (<see cref="ImagingOptions.LadderSeconds"/>); the system's where null.</param>
    public VipsEngine(LimitsOptions limits, ImagingOptions options, TimeProvider? time = null)
    {
        _limits = limits;
        _options = options;
        _ladder = new DecodeLadder(options.LadderBytes, options.LadderSeconds, time ?? TimeProvider.System);

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

        CheckCoding(source.Span, format);

        // A file cut short or broken is refused here, so fm=json and a render answer alike; a JPEG only missing its end marker is whole.
        if (format == SourceFormat.Jpeg)
        {
            JpegCompleteness.Check(source.Span, _limits.MaxSourcePixels);
        }
        else
        {
            SourceIntegrity.Check(source.Span, format, thorough: false);
        }

        try
        {
            using var image = VImage.NewFromBuffer(Loadable(source, format), "", Enums.Access.Sequential, Enums.FailOn.None);
            if (format is SourceFormat.Heic or SourceFormat.Avif)
            {
                CheckHeifDecoder(image, format);
            }

            // Only GIF and WebP pages are an animation; a TIFF's pages (of any size) and a HEIF's images are not: the first is served.
            var frames = format is SourceFormat.Gif or SourceFormat.Webp && image.Contains("n-pages") ? Math.Max(1, (int)image.Get("n-pages")) : 1;
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
            throw Refusal(e, source.Span, format, "header could not be read");
        }
    }

    public EncodedImage Render(ReadOnlyMemory<byte> source, ImagePlan plan, CancellationToken cancellationToken)
    {
        // At the deadline libvips is told to stop (VipsDeadline.Watch on each loaded image), and what it throws then is the timeout.
        using var deadline = VipsDeadline.Arm(cancellationToken);
        try
        {
            // Identify found a JPEG whole (JpegCompleteness): one missing only its end marker gets it back for libjpeg.
            var bytes = plan.Source.Format == SourceFormat.Jpeg ? Whole(JpegCompleteness.Ended(source)) : Loadable(source, plan.Source.Format);
            var ladder = LadderUse.None;
            using var image = plan.Animate ? Animated(bytes, plan, cancellationToken) : Still(bytes, plan, cancellationToken, out ladder);
            cancellationToken.ThrowIfCancellationRequested();
            var output = Encode(VipsDeadline.Watch(image), plan);
            var height = image.Contains("page-height") ? (int)image.Get("page-height") : image.Height;
            return new EncodedImage(output, OutputContentType.Of(plan.Format), image.Width, height) { Ladder = ladder };
        }
        catch (VipsException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Refusal(e, source.Span, plan.Source.Format, "image could not be processed");
        }
    }

    /// <summary>
    /// What a libvips failure means for the user: a coding this build has no decoder for (415 naming it, so the other
    /// engine may read it), else the fault the container shows (<see cref="SourceIntegrity"/>), else libvips's own words.
    /// </summary>
    private ProblemException Refusal(VipsException e, ReadOnlySpan<byte> source, SourceFormat format, string what)
    {
        if (e.Message.Contains("not been built in", StringComparison.Ordinal) || e.Message.Contains("Unsupported JPEG", StringComparison.Ordinal))
        {
            return CannotRead($"a {format.ToString().ToUpperInvariant()} whose coding this build of libvips has no decoder for ({Decoder(e.Message)})", e);
        }

        SourceIntegrity.Check(source, format, thorough: true);
        return Problems.Undecodable($"The {format} {what}: {Decoder(e.Message)}", e);
    }

    /// <summary>The loader's own line of a libvips error (the first is only "unable to call …").</summary>
    private static string Decoder(string message)
    {
        var lines = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.LastOrDefault(l => !l.StartsWith("unable to call", StringComparison.Ordinal) && !l.Contains("bad seek", StringComparison.Ordinal)) ?? FirstLine(message);
    }

    /// <summary>What this build of libvips cannot decode in a file it identifies, found in the headers, so Identify never calls valid what Render refuses.</summary>
    private void CheckCoding(ReadOnlySpan<byte> source, SourceFormat format)
    {
        if (format == SourceFormat.Jpeg && ContainerProbe.ReadJpegFrame(source) is { Precision: not (0 or 8) } frame)
        {
            throw CannotRead($"a {frame.Precision}-bit JPEG");
        }
    }

    /// <summary>
    /// libjpeg hands a lossless JPEG's samples over unconverted (a colour conversion would not be lossless), so a YCbCr one
    /// comes out as Y, Cb and Cr in the red, green and blue bands; JFIF's matrix turns them into RGB.
    /// </summary>
    private static VImage LosslessYccToRgb(VImage ycc)
    {
        using var centred = ycc.Cast(Enums.BandFormat.Float).Linear([1.0, 1, 1], [0.0, -128, -128]);
        using var matrix = VImage.NewFromArray(new[,] { { 1.0, 0, 1.402 }, { 1, -0.344136, -0.714136 }, { 1, 1.772, 0 } });
        using var rgb = centred.Recomb(matrix);
        using var rounded = rgb.Linear([1.0, 1, 1], [0.5, 0.5, 0.5]).Cast(Enums.BandFormat.Uchar);
        return rounded.Copy(interpretation: Enums.Interpretation.Srgb);
    }

    /// <summary>
    /// libheif parses any HEIF, but decodes only the codings it was built with (here AV1, not HEVC): one pixel tells. Any
    /// failure counts, since libvips's error text is shared by every thread and may not be this file's.
    /// </summary>
    private void CheckHeifDecoder(VImage image, SourceFormat format)
    {
        var coding = image.Contains("heif-compression") ? image.Get("heif-compression") as string : null;
        if (coding is null or "av1")
        {
            return;
        }

        try
        {
            using var pixel = image.Crop(0, 0, 1, 1);
            pixel.Avg();
        }
        catch (VipsException e)
        {
            throw CannotRead($"{format.ToString().ToUpperInvariant()} coded with {coding.ToUpperInvariant()}, for which this build of libvips has no decoder", e);
        }
    }

    private ProblemException CannotRead(string what, Exception? inner = null) =>
        Problems.EngineCannotRead(Name, $"The source is {what}; the '{Name}' engine cannot decode it. It reads JPEG (8-bit: baseline, progressive, arithmetic-coded, lossless), PNG, GIF, WebP (animated too), AVIF (AV1-coded HEIF), TIFF and BMP.", inner);

    /// <summary>
    /// The bytes as a loader takes them: a WebP whose RIFF size overstates the file (a pad byte counted but not written)
    /// gets the true size, and a GIF whose last frame's data runs to the end of the file (checked whole by Identify) gets
    /// the terminator and trailer libnsgif otherwise counts as truncation, as browsers read them.
    /// </summary>
    private static byte[] Loadable(ReadOnlyMemory<byte> source, SourceFormat format)
    {
        var span = source.Span;
        if (format == SourceFormat.Gif && ContainerProbe.GifEndsInsideData(span))
        {
            return [.. span, 0x00, 0x3B];
        }

        if (format != SourceFormat.Webp || span.Length < 12 || System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(span.Slice(4, 4)) <= (uint)(span.Length - 8))
        {
            return Whole(source);
        }

        var copy = span.ToArray();
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(4), (uint)(copy.Length - 8));
        return copy;
    }

    /// <summary>The bytes as one array, without a copy when they already are one (source bytes of 5 MB would otherwise be copied twice per request).</summary>
    private static byte[] Whole(ReadOnlyMemory<byte> source) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(source, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : source.ToArray();

    private static string FirstLine(string message) => message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? message;

    /// <summary>Releases the kept intermediates.</summary>
    public void Dispose() => _ladder.Dispose();

    private VImage Still(byte[] bytes, ImagePlan plan, CancellationToken cancellationToken, out LadderUse ladder)
    {
        var shrink = ShrinkOnLoad(plan);
        var (image, defersColour) = FromLadder(plan, shrink, out ladder) ?? Prepared(bytes, plan, shrink);
        image = Orient(image, plan.Spec);
        cancellationToken.ThrowIfCancellationRequested();

        var geometry = ResizePlanner.Plan(image.Width, image.Height, plan.Spec, (region, w, h) => LocateEntropy(image, region, w, h));
        return Shape(image, plan, geometry, defersColour ? i => ToSrgb(i, bytes, plan) : null);
    }

    /// <summary>A kept intermediate of this source that may serve the plan (<see cref="RungChoice"/>), or null.</summary>
    private (VImage Image, bool DefersColour)? FromLadder(ImagePlan plan, double shrink, out LadderUse ladder)
    {
        ladder = LadderUse.None;
        if (!_ladder.Enabled || plan.SourceIdentity is not { } identity)
        {
            return null;
        }

        var rungs = _ladder.Find(identity, plan.Source.Format);
        var choice = RungChoice.Choose(rungs, plan, shrink);
        foreach (var rung in rungs)
        {
            if (!ReferenceEquals(rung, choice?.Rung))
            {
                rung.Image.Dispose();
            }
        }

        if (choice is not { } chosen)
        {
            return null;
        }

        _ladder.Touch(chosen.Rung);
        ladder = chosen.Use;
        return (chosen.Rung.Image, chosen.Rung.DefersColour);
    }

    /// <summary>
    /// The source loaded (at <paramref name="shrink"/>), auto-rotated and colour-prepared, which no spec changes; kept in
    /// the ladder, materialised, where the plan names its source and it fits.
    /// </summary>
    private (VImage Image, bool DefersColour) Prepared(byte[] bytes, ImagePlan plan, double shrink)
    {
        var options = new VOption();
        if (shrink > 1)
        {
            options.Add(plan.Source.Format == SourceFormat.Jpeg ? "shrink" : "scale", plan.Source.Format == SourceFormat.Jpeg ? (int)shrink : 1.0 / shrink);
        }

        var image = plan.Source.Format == SourceFormat.Bmp
            ? LoadBmp(bytes, plan.Source.HasAlpha)
            : VipsDeadline.Watch(VImage.NewFromBuffer(bytes, "", Enums.Access.Random, Enums.FailOn.Error, options));
        if (plan.Source.Format == SourceFormat.Jpeg && ContainerProbe.JpegIsLosslessYcc(bytes))
        {
            image = Step(image, LosslessYccToRgb);
        }

        image = Step(image, i => i.Autorot());
        var defersColour = DefersColour(image);
        if (defersColour && image.Contains("icc-profile-data") && SrgbIcc.Is((byte[])image.Get("icc-profile-data")))
        {
            image = Step(image, i => i.Mutate(m => m.Remove("icc-profile-data")));
        }

        if (!defersColour)
        {
            image = ToSrgb(image, bytes, plan);
        }

        if (plan.SourceIdentity is { } identity && _ladder.Fits(DecodeLadder.SizeOf(image)))
        {
            // Random access has decoded the whole source into memory already; this keeps the prepared pixels.
            image = Step(image, i => i.CopyMemory());
            _ladder.Keep(identity, plan.Source.Format, shrink, defersColour, image);
        }

        return (image, defersColour);
    }

    /// <summary>
    /// 8-bit RGB(A) is brought to sRGB after the resize, on the output's pixels rather than the source's (as libvips's
    /// thumbnail does), and not at all through a profile that is sRGB's own; other codings convert first, as the resize needs.
    /// </summary>
    private static bool DefersColour(VImage image) =>
        image.Format == Enums.BandFormat.Uchar && image.Interpretation == Enums.Interpretation.Srgb && image.Bands is 3 or 4;

    private VImage Animated(byte[] bytes, ImagePlan plan, CancellationToken cancellationToken)
    {
        // Every frame takes the still path, with the geometry planned once on the first, so crops, pads, turns and flips apply to all alike.
        using var strip = ToSrgb(VipsDeadline.Watch(VImage.NewFromBuffer(bytes, "[n=-1]", Enums.Access.Random, Enums.FailOn.Error)), bytes, plan);
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
                frames[f] = Shape(frame, plan, geometry, null);
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

    /// <summary>The planned crop and resize, the colour conversion where it was left until then, padding, blur, sharpen and the background.</summary>
    private static VImage Shape(VImage image, ImagePlan plan, ResizePlan geometry, Func<VImage, VImage>? toSrgb)
    {
        var spec = plan.Spec;
        var crop = geometry.Crop;
        if (crop.X != 0 || crop.Y != 0 || crop.Width != image.Width || crop.Height != image.Height)
        {
            image = Step(image, i => i.Crop(crop.X, crop.Y, crop.Width, crop.Height));
        }

        if (geometry.ResizeWidth != image.Width || geometry.ResizeHeight != image.Height)
        {
            image = Premultiplied(image, i => Scale(i, geometry.ResizeWidth, geometry.ResizeHeight));
        }

        if (toSrgb is not null)
        {
            image = toSrgb(image);
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
            image = Premultiplied(image, i => i.Gaussblur(ImageSharp.ImageSharpEngine.BlurSigma(spec.Blur)));
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

    /// <summary>To 8-bit sRGB through the source's colour description (<see cref="VipsSrgb"/>), with a PNG's gAMA/cHRM, which the loader leaves out.</summary>
    private static VImage ToSrgb(VImage image, byte[] bytes, ImagePlan plan) => VipsSrgb.Convert(image, SourceProfile.Implied(bytes, plan.Source.Format));

    /// <summary>Runs a resampling step on premultiplied pixels where there is alpha, so colour hidden under transparent pixels never bleeds into visible ones.</summary>
    private static VImage Premultiplied(VImage image, Func<VImage, VImage> operation)
    {
        if (!image.HasAlpha())
        {
            return Step(image, operation);
        }

        var format = image.Format;
        image = Step(image, i => i.Premultiply());
        image = Step(image, operation);
        image = Step(image, i => i.Unpremultiply());
        image = Step(image, i => i.Rint());
        return Step(image, i => i.Cast(format));
    }

    /// <summary>
    /// To exactly width x height: reductions with lanczos3, enlargements bicubic with output pixel centres on the source's
    /// grid (libvips's resize samples an enlargement half an output pixel off, shifting the picture down and right).
    /// </summary>
    private static VImage Scale(VImage image, int width, int height)
    {
        double hscale = (double)width / image.Width, vscale = (double)height / image.Height;
        if (hscale <= 1 && vscale <= 1)
        {
            return image.Resize(hscale, Enums.Kernel.Lanczos3, vscale: vscale);
        }

        using var reduced = hscale < 1 || vscale < 1 ? image.Resize(Math.Min(hscale, 1), Enums.Kernel.Lanczos3, vscale: Math.Min(vscale, 1)) : image.Copy();
        using var bicubic = Interpolate.NewFromName("bicubic");
        double[] matrix = [(double)width / reduced.Width, 0, 0, (double)height / reduced.Height];
        return reduced.Affine(matrix, interpolate: bicubic, oarea: [0, 0, width, height], idx: 0.5, idy: 0.5, odx: -0.5, ody: -0.5, premultiplied: true, extend: Enums.Extend.Copy);
    }

    /// <summary>libvips reads BMP only through ImageMagick, which NetVips.Native leaves out; ImageSharp, already a dependency, reads it instead.</summary>
    private static SourceInfo IdentifyBmp(ReadOnlyMemory<byte> source)
    {
        // Read by ImageSharp, which draws what a cut-short BMP lacks in black.
        SourceIntegrity.Check(source.Span, SourceFormat.Bmp, thorough: false);

        try
        {
            var info = SixLabors.ImageSharp.Image.Identify(source.ToArray());
            if (info is null || info.Width <= 0 || info.Height <= 0)
            {
                throw Problems.Undecodable("The Bmp header could not be read.");
            }

            return new SourceInfo(SourceFormat.Bmp, info.Width, info.Height, SourceAlpha.Bmp(source.Span), 1, 1);
        }
        catch (Exception e) when (e is SixLabors.ImageSharp.ImageFormatException or NotSupportedException or InvalidDataException or ArgumentException or IndexOutOfRangeException)
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
        catch (Exception e) when (e is SixLabors.ImageSharp.ImageFormatException or NotSupportedException or InvalidDataException or ArgumentException or IndexOutOfRangeException)
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

    /// <summary>
    /// True where the output depends on the decoded image only through its size (no rect, free rotation, size as a ratio
    /// or blur), so an image decoded smaller (shrink-on-load, or a kept decode of the ladder) may stand in for the source.
    /// </summary>
    internal static bool SizedFromDecode(TransformSpec spec) =>
        spec.Rect is null && spec.Rotate % 90 == 0 && spec.Width is not { IsRatio: true } && spec.Height is not { IsRatio: true } && spec.Blur <= 0;

    /// <summary>
    /// JPEG (1/2, 1/4, 1/8) and WebP (any scale: libwebp's rescaler averages while it decodes) decode smaller when the
    /// output is small enough, so far fewer pixels are ever decoded and resized.
    /// </summary>
    private double ShrinkOnLoad(ImagePlan plan)
    {
        var spec = plan.Spec;
        if (plan.Source.Format is not (SourceFormat.Jpeg or SourceFormat.Webp) || !SizedFromDecode(spec))
        {
            return 1;
        }

        var (width, height) = ImagePlanner.RotatedSize(plan.Source.OrientedWidth, plan.Source.OrientedHeight, spec.Rotate);
        var geometry = ResizePlanner.Plan(width, height, spec);
        var margin = _options.ShrinkOnLoadMargin;
        if (plan.Source.Format == SourceFormat.Webp && WebpShrink(width, height, spec, geometry, margin) is > 1 and var fractional)
        {
            return fractional;
        }

        foreach (var shrink in new[] { 8, 4, 2 })
        {
            // The window must still hold the output at this shrink, so the plan on the smaller image gives the same size.
            if (geometry.Crop.Width / shrink >= geometry.ResizeWidth * margin && geometry.Crop.Height / shrink >= geometry.ResizeHeight * margin
                && width % shrink == 0 && height % shrink == 0)
            {
                return shrink;
            }
        }

        return 1;
    }

    /// <summary>
    /// The shrink that decodes a whole WebP to <paramref name="margin"/> times the output (the same margin the JPEG shrinks keep, <see cref="ImagingOptions.ShrinkOnLoadMargin"/>), where
    /// the plan on the decoded size, whichever way libvips rounds it, is the same output; else 1.
    /// </summary>
    private static double WebpShrink(int width, int height, TransformSpec spec, ResizePlan geometry, double margin)
    {
        if (!geometry.IsWholeImage(width, height))
        {
            return 1;
        }

        var shrink = Math.Min(width / (geometry.ResizeWidth * margin), height / (geometry.ResizeHeight * margin));
        if (shrink <= 1)
        {
            return 1;
        }

        foreach (var round in (Func<double, double>[])[Math.Floor, Math.Round, Math.Ceiling])
        {
            var decoded = ResizePlanner.Plan((int)round(width / shrink), (int)round(height / shrink), spec);
            if (decoded.ResizeWidth != geometry.ResizeWidth || decoded.ResizeHeight != geometry.ResizeHeight || decoded.Pads
                || decoded.Crop.Width != (int)round(width / shrink) || decoded.Crop.Height != (int)round(height / shrink))
            {
                return 1;
            }
        }

        return shrink;
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
