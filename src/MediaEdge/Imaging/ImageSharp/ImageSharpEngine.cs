using System.Reflection;
using MediaEdge.Limits;
using MediaEdge.Requests;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Memory;
using SixLabors.ImageSharp.Metadata;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace MediaEdge.Imaging.ImageSharp;

/// <summary>The managed engine: SixLabors.ImageSharp 2.1.13. No progressive JPEG, no AVIF, no animated WebP.</summary>
public sealed class ImageSharpEngine : IImageEngine
{
    private readonly Configuration _configuration;
    private readonly long _maxSourcePixels;

    public ImageSharpEngine(LimitsOptions limits)
    {
        _maxSourcePixels = limits.MaxSourcePixels;
        _configuration = Configuration.Default.Clone();
        _configuration.MemoryAllocator = MemoryAllocator.Create(new MemoryAllocatorOptions
        {
            AllocationLimitMegabytes = limits.MaxDecodeAllocationMegabytes,
        });

        // Requests already run side by side, one per core; nested parallelism would only contend.
        _configuration.MaxDegreeOfParallelism = 1;
    }

    public string Name => "imagesharp";

    public string Version { get; } = typeof(Image).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "2.1";

    public bool CanEncode(OutputFormat format) =>
        format is OutputFormat.Jpeg or OutputFormat.Png or OutputFormat.Webp or OutputFormat.Gif or OutputFormat.Json;

    public bool CanAnimate(OutputFormat format) => format == OutputFormat.Gif;

    public SourceInfo Identify(ReadOnlyMemory<byte> source)
    {
        var format = ImageFormatSniffer.Sniff(source.Span);
        if (format is SourceFormat.Avif or SourceFormat.Heic)
        {
            throw CannotRead(format.ToString().ToUpperInvariant());
        }

        CheckCoding(source.Span, format);
        CheckWhole(source.Span, format);

        if (format == SourceFormat.Png && NarrowInterlacedPng.Affects(source.Span, out var narrow))
        {
            throw NarrowInterlacedPng.Refusal(Name, narrow);
        }

        if (format == SourceFormat.Gif)
        {
            // ImageSharp 2.1 walks every frame to identify a GIF; the logical screen descriptor has the size.
            var (width, height) = ContainerProbe.ReadGifSize(source.Span);
            if (width <= 0 || height <= 0)
            {
                throw Problems.Undecodable("The GIF header could not be read.");
            }

            return new SourceInfo(format, width, height, true, Math.Max(1, ContainerProbe.CountGifFrames(source.Span)), 1);
        }

        if (format == SourceFormat.Webp && ContainerProbe.ReadWebp(source.Span).Frames is > 1 and var webpFrames)
        {
            throw CannotRead($"an animated WebP ({webpFrames} frames)");
        }

        IImageInfo? info;
        try
        {
            using var stream = OpenStream(source);
            info = Image.Identify(_configuration, stream);
        }
        catch (NotSupportedException e)
        {
            throw CannotRead($"a {format} with a feature ImageSharp 2.1 lacks ({e.Message.TrimEnd('.')})", e);
        }
        catch (Exception e) when (e is ImageFormatException or InvalidDataException or EndOfStreamException or ArgumentException or IndexOutOfRangeException)
        {
            throw Problems.Undecodable($"The {format} header could not be read: {e.Message}", e);
        }

        if (info is null || info.Width <= 0 || info.Height <= 0)
        {
            throw Problems.Undecodable($"The {format} header could not be read.");
        }

        var frames = 1;
        var alpha = info.PixelType?.AlphaRepresentation is PixelAlphaRepresentation.Associated or PixelAlphaRepresentation.Unassociated;
        switch (format)
        {
            case SourceFormat.Webp:
                (frames, alpha) = ContainerProbe.ReadWebp(source.Span);
                break;
            case SourceFormat.Png:
                alpha = ContainerProbe.PngHasAlpha(source.Span);
                break;
            case SourceFormat.Jpeg:
                alpha = false;
                break;
            case SourceFormat.Bmp:
                alpha = Colour.SourceAlpha.Bmp(source.Span);
                break;
            case SourceFormat.Tiff:
                alpha = Colour.SourceAlpha.Tiff(source.Span);
                break;
        }

        // ImageSharp keeps a TIFF's Orientation tag on the frame, out of Identify's reach; the directory has it.
        var orientation = format == SourceFormat.Tiff ? ContainerProbe.ReadTiff(source.Span)?.Orientation ?? 1 : Orientation(info.Metadata);
        return new SourceInfo(format, info.Width, info.Height, alpha, frames, orientation);
    }

    public EncodedImage Render(ReadOnlyMemory<byte> source, ImagePlan plan, CancellationToken cancellationToken)
    {
        // ImageSharp draws what corrupt PNG or GIF data lacks and calls it a success; Identify checked the structure, this the data.
        if (plan.Source.Format is SourceFormat.Png or SourceFormat.Gif)
        {
            SourceIntegrity.Check(source.Span, plan.Source.Format, thorough: true);
        }
        else if (plan.Source.Format == SourceFormat.Jpeg)
        {
            // Identify found it whole (JpegCompleteness): one missing only its end marker gets it back.
            source = JpegCompleteness.Ended(source);
        }

        // The profile is read from the container: ImageSharp 2.1 drops iCCP and TIFF profiles and knows nothing of gAMA.
        var profile = Colour.SourceProfile.Read(source.Span, plan.Source.Format);
        var toSrgb = IccToSrgb.TryCreate(profile);
        using var image = IccToSrgb.NeedsLcms(profile) ? VipsSourceDecoder.Decode(source, profile!, plan.Source.Format, _configuration, cancellationToken) : Decode(source, plan);
        cancellationToken.ThrowIfCancellationRequested();

        var spec = plan.Spec;
        image.Mutate(ctx =>
        {
            ctx.AutoOrient();
            if (spec.Flip != Requests.FlipMode.None)
            {
                ctx.Flip(spec.Flip.HasFlag(Requests.FlipMode.Horizontal) ? SixLabors.ImageSharp.Processing.FlipMode.Horizontal : SixLabors.ImageSharp.Processing.FlipMode.None);
                if (spec.Flip.HasFlag(Requests.FlipMode.Vertical))
                {
                    ctx.Flip(SixLabors.ImageSharp.Processing.FlipMode.Vertical);
                }
            }

            if (spec.Rotate != 0)
            {
                ctx.Rotate(spec.Rotate);
            }
        });
        cancellationToken.ThrowIfCancellationRequested();

        var geometry = ResizePlanner.Plan(image.Width, image.Height, spec, (region, w, h) => LocateEntropy(image, region, w, h));
        image.Mutate(ctx =>
        {
            var whole = geometry.Crop == new PixelRect(0, 0, image.Width, image.Height);
            if (!whole)
            {
                ctx.Crop(new Rectangle(geometry.Crop.X, geometry.Crop.Y, geometry.Crop.Width, geometry.Crop.Height));
            }

            if (geometry.Pads)
            {
                ctx.Resize(new ResizeOptions
                {
                    Mode = ResizeMode.Manual,
                    Size = new Size(geometry.CanvasWidth, geometry.CanvasHeight),
                    TargetRectangle = new Rectangle(geometry.OffsetX, geometry.OffsetY, geometry.ResizeWidth, geometry.ResizeHeight),
                    Sampler = KnownResamplers.Bicubic,
                });
            }
            else if (geometry.ResizeWidth != geometry.Crop.Width || geometry.ResizeHeight != geometry.Crop.Height)
            {
                ctx.Resize(new ResizeOptions
                {
                    Mode = ResizeMode.Stretch,
                    Size = new Size(geometry.ResizeWidth, geometry.ResizeHeight),
                    Sampler = KnownResamplers.Bicubic,
                });
            }

            if (spec.Blur > 0)
            {
                ctx.GaussianBlur(BlurSigma(spec.Blur));
            }

            if (spec.Sharpen > 0)
            {
                ctx.GaussianSharpen(SharpenSigma(spec.Sharpen));
            }

        });
        cancellationToken.ThrowIfCancellationRequested();

        // Converted after resizing: the same result to the eye, on far fewer pixels.
        toSrgb?.Apply(image);
        if (plan.Background is { } bg)
        {
            image.Mutate(ctx => ctx.BackgroundColor(Color.FromRgba(bg.R, bg.G, bg.B, bg.A)));
        }

        StripMetadata(image);
        var bytes = ImageSharpEncoders.Encode(image, plan);
        return new EncodedImage(bytes, OutputContentType.Of(plan.Format), image.Width, image.Height);
    }

    /// <summary>imgix's blur runs 0–2000; a tenth of it as the Gaussian sigma, in output pixels.</summary>
    internal static float BlurSigma(int blur) => blur / 10f;

    /// <summary>imgix's sharp runs 0–100; mapped to a sigma of up to 3 output pixels.</summary>
    internal static float SharpenSigma(int sharp) => 0.3f + (sharp * 0.027f);

    private static MemoryStream OpenStream(ReadOnlyMemory<byte> source) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(source, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(source.ToArray(), writable: false);

    /// <summary>What ImageSharp 2.1 cannot decode in a file it can identify, found in the headers, so Identify never calls valid what Render refuses.</summary>
    private void CheckCoding(ReadOnlySpan<byte> source, SourceFormat format)
    {
        if (format == SourceFormat.Jpeg)
        {
            var (marker, _) = ContainerProbe.ReadJpegFrame(source);
            var coding = marker switch
            {
                0xC3 => "a lossless JPEG",
                0xC5 or 0xC6 or 0xC7 or 0xCD or 0xCE or 0xCF => "a hierarchical JPEG",
                0xC9 or 0xCA => "an arithmetic-coded JPEG",
                0xCB => "a lossless arithmetic-coded JPEG",
                _ => null,
            };
            if (coding is not null)
            {
                throw CannotRead(coding);
            }
        }
        else if (format == SourceFormat.Tiff && ContainerProbe.ReadTiff(source) is { } tiff)
        {
            if (tiff.IsLogLuv)
            {
                throw CannotRead("a LogLuv TIFF (SGI's high-dynamic-range encoding)");
            }

            if (tiff.SampleFormat == 3)
            {
                // Float samples are linear light (HDR pipelines, libvips's scRGB); ImageSharp 2.1 would show them as display values, too dark.
                throw CannotRead("a TIFF with floating-point samples (linear light)");
            }

            if (tiff.SampleFormat is not (1 or 3))
            {
                throw CannotRead($"a TIFF with {(tiff.SampleFormat == 2 ? "signed integer" : "complex or undefined")} samples");
            }

            if (tiff.Compression is 6 or 34712 or 34925 or 50000 or 50001 or 50002 or (>= 34887 and <= 34892) or 9 or 10)
            {
                throw CannotRead($"a {tiff.CompressionName}-compressed TIFF");
            }
        }
    }

    /// <summary>
    /// A file cut short or broken is refused here, so fm=json and a render answer alike; ImageSharp itself would fill the
    /// gap with grey or black. A JPEG only missing its end marker is whole (<see cref="JpegCompleteness"/>).
    /// </summary>
    private void CheckWhole(ReadOnlySpan<byte> source, SourceFormat format)
    {
        if (format == SourceFormat.Jpeg)
        {
            JpegCompleteness.Check(source, _maxSourcePixels);
        }
        else
        {
            SourceIntegrity.Check(source, format, thorough: false);
        }
    }

    private ProblemException CannotRead(string what, Exception? inner = null) =>
        Problems.EngineCannotRead(Name, $"The source is {what}, which the '{Name}' engine (ImageSharp 2.1) cannot decode. It reads JPEG (Huffman-coded, baseline or progressive, 8- or 12-bit), PNG, GIF, still WebP, BMP and TIFF (uncompressed, LZW, Deflate, PackBits, CCITT, JPEG).", inner);

    private static int Orientation(ImageMetadata metadata)
    {
        var value = metadata.ExifProfile?.GetValue(ExifTag.Orientation)?.Value ?? 1;
        return value is >= 1 and <= 8 ? value : 1;
    }

    private static void StripMetadata(Image image)
    {
        image.Metadata.ExifProfile = null;
        image.Metadata.XmpProfile = null;
        image.Metadata.IptcProfile = null;
        image.Metadata.IccProfile = null;

        // What the encoders would write back: PNG text chunks (tEXt, zTXt, iTXt) and the source's gAMA, GIF comments.
        var png = image.Metadata.GetPngMetadata();
        png.TextData.Clear();
        png.Gamma = 0;
        png.HasTransparency = false;
        image.Metadata.GetGifMetadata().Comments.Clear();
        foreach (var frame in image.Frames)
        {
            frame.Metadata.ExifProfile = null;
            frame.Metadata.XmpProfile = null;
            frame.Metadata.IccProfile = null;
        }
    }

    private static (int X, int Y) LocateEntropy(Image<Rgba32> image, PixelRect region, int windowWidth, int windowHeight) =>
        EntropyWindow.Locate(region, windowWidth, windowHeight, scale =>
        {
            var gw = Math.Max(1, (int)Math.Round(region.Width * scale));
            var gh = Math.Max(1, (int)Math.Round(region.Height * scale));
            using var frame = image.Frames.CloneFrame(0);
            frame.Mutate(ctx => ctx
                .Crop(new Rectangle(region.X, region.Y, region.Width, region.Height))
                .Resize(gw, gh));
            using var grey = frame.CloneAs<L8>();
            var luma = new byte[gw * gh];
            grey.CopyPixelDataTo(luma);
            return (luma, gw, gh);
        });

    private Image<Rgba32> Decode(ReadOnlyMemory<byte> source, ImagePlan plan)
    {
        var tiff = plan.Source.Format == SourceFormat.Tiff ? ContainerProbe.ReadTiff(source.Span) : null;
        if (tiff is { HasPages: true })
        {
            // ImageSharp 2.1 decodes every page and refuses pages of different sizes; the first page is what is served.
            source = ContainerProbe.TiffFirstPageOnly(source.Span, tiff);
        }
        else if (plan.Source.Format == SourceFormat.Png && SplitIdatPng.Affects(source.Span))
        {
            source = SplitIdatPng.Joined(source.Span);
        }

        try
        {
            using var stream = OpenStream(source);
            IImageDecoder? decoder = plan.Source.Format == SourceFormat.Gif
                ? new GifDecoder { DecodingMode = plan.Animate ? FrameDecodingMode.All : FrameDecodingMode.First, MaxFrames = (uint)Math.Max(1, plan.Source.Frames) }
                : null;
            var image = decoder is null ? Image.Load<Rgba32>(_configuration, stream) : Image.Load<Rgba32>(_configuration, stream, decoder);
            if (!plan.Animate)
            {
                while (image.Frames.Count > 1)
                {
                    image.Frames.RemoveFrame(image.Frames.Count - 1);
                }
            }

            if (tiff is { Orientation: > 1 } && image.Metadata.ExifProfile?.GetValue(ExifTag.Orientation) is null)
            {
                // The TIFF tag lands on the frame's profile, where AutoOrient does not look.
                image.Metadata.ExifProfile ??= new ExifProfile();
                image.Metadata.ExifProfile.SetValue(ExifTag.Orientation, (ushort)tiff.Orientation);
            }

            return image;
        }
        catch (InvalidMemoryOperationException e)
        {
            throw Problems.DecodeTooLarge(nameof(LimitsOptions.MaxDecodeAllocationMegabytes), e);
        }
        catch (NotSupportedException e)
        {
            throw CannotRead($"a {plan.Source.Format} with a feature ImageSharp 2.1 lacks ({e.Message.TrimEnd('.')})", e);
        }
        catch (Exception e) when (e is ImageFormatException or InvalidDataException or EndOfStreamException or ArgumentException or IndexOutOfRangeException)
        {
            throw Problems.Undecodable($"The {plan.Source.Format} image data could not be decoded: {e.Message}", e);
        }
    }
}
