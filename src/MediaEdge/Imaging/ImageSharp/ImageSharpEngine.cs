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

    public ImageSharpEngine(LimitsOptions limits)
    {
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
            throw Problems.UnsupportedMedia($"The source is {format.ToString().ToUpperInvariant()}, which the '{Name}' engine cannot decode.");
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
            throw Problems.UnsupportedMedia($"The source is an animated WebP ({webpFrames} frames), which the '{Name}' engine (ImageSharp 2.1) cannot decode. Serve it from /o/, or convert it to GIF at the origin.");
        }

        IImageInfo? info;
        try
        {
            using var stream = OpenStream(source);
            info = Image.Identify(_configuration, stream);
        }
        catch (Exception e) when (e is ImageFormatException or InvalidDataException or EndOfStreamException or ArgumentException or NotSupportedException or IndexOutOfRangeException)
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
        }

        return new SourceInfo(format, info.Width, info.Height, alpha, frames, Orientation(info.Metadata));
    }

    public EncodedImage Render(ReadOnlyMemory<byte> source, ImagePlan plan, CancellationToken cancellationToken)
    {
        if (plan.Source.Format == SourceFormat.Jpeg && !ContainerProbe.JpegHasEnd(source.Span))
        {
            // ImageSharp would fill the missing rows with grey and call it a success.
            throw Problems.Undecodable("The JPEG is truncated: its image data ends before the end-of-image marker. Upload the whole file again.");
        }

        using var image = Decode(source, plan);
        cancellationToken.ThrowIfCancellationRequested();

        var spec = plan.Spec;
        var toSrgb = IccToSrgb.TryCreate(image.Metadata.IccProfile);
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

            return image;
        }
        catch (InvalidMemoryOperationException e)
        {
            throw Problems.DecodeTooLarge(nameof(LimitsOptions.MaxDecodeAllocationMegabytes), e);
        }
        catch (Exception e) when (e is ImageFormatException or InvalidDataException or EndOfStreamException or ArgumentException or NotSupportedException or IndexOutOfRangeException)
        {
            throw Problems.Undecodable($"The {plan.Source.Format} image data could not be decoded: {e.Message}", e);
        }
    }
}
