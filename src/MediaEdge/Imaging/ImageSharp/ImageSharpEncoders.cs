using MediaEdge.Requests;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing.Processors.Quantization;

namespace MediaEdge.Imaging.ImageSharp;

/// <summary>The encoder and its settings for each output format.</summary>
internal static class ImageSharpEncoders
{
    public static byte[] Encode(Image<Rgba32> image, ImagePlan plan)
    {
        IImageEncoder encoder = plan.Format switch
        {
            OutputFormat.Jpeg => new JpegEncoder { Quality = plan.Quality, ColorType = JpegColorType.YCbCrRatio420 },
            OutputFormat.Png => plan.Spec.Compress
                ? new PngEncoder { ColorType = PngColorType.Palette, Quantizer = new WuQuantizer(), CompressionLevel = PngCompressionLevel.BestCompression, ChunkFilter = PngChunkFilter.ExcludeAll }
                : Lossless(image),
            OutputFormat.Webp => new WebpEncoder { Quality = plan.Quality, FileFormat = WebpFileFormatType.Lossy, Method = WebpEncodingMethod.Level4 },
            OutputFormat.Gif => new GifEncoder { ColorTableMode = GifColorTableMode.Local },
            _ => throw new ArgumentOutOfRangeException(nameof(plan), plan.Format, "the imagesharp engine does not encode this format"),
        };

        using var output = new MemoryStream();
        image.Save(output, encoder);
        return output.ToArray();
    }

    /// <summary>
    /// A PNG that keeps every pixel: with at most 256 colours, a palette of exactly those colours (so a palette source comes
    /// back as it was), else truecolour or grey. Left to itself, ImageSharp re-quantizes a palette source with Wu's
    /// quantizer, which merges near colours (246 colours became 138, pixels off by up to 14).
    /// </summary>
    private static PngEncoder Lossless(Image<Rgba32> image)
    {
        var colours = new HashSet<Rgba32>();
        bool opaque = true, grey = true;
        image.ProcessPixelRows(rows =>
        {
            var last = default(Rgba32);
            for (var y = 0; y < rows.Height && (opaque || grey || colours.Count <= 256); y++)
            {
                foreach (var p in rows.GetRowSpan(y))
                {
                    opaque &= p.A == 255;
                    grey &= p.R == p.G && p.G == p.B;
                    if (colours.Count <= 256 && (colours.Count == 0 || p != last))
                    {
                        colours.Add(p);
                        last = p;
                    }
                }
            }
        });

        if (colours.Count <= 256)
        {
            return new PngEncoder
            {
                ColorType = PngColorType.Palette,
                BitDepth = PngBitDepth.Bit8,
                Quantizer = new ExactPaletteQuantizer(colours),
                CompressionLevel = PngCompressionLevel.DefaultCompression,
                ChunkFilter = PngChunkFilter.ExcludeAll,
            };
        }

        return new PngEncoder
        {
            ColorType = (grey, opaque) switch
            {
                (true, true) => PngColorType.Grayscale,
                (true, false) => PngColorType.GrayscaleWithAlpha,
                (false, true) => PngColorType.Rgb,
                _ => PngColorType.RgbWithAlpha,
            },
            BitDepth = PngBitDepth.Bit8,
            CompressionLevel = PngCompressionLevel.DefaultCompression,
            ChunkFilter = PngChunkFilter.ExcludeAll,
        };
    }
}
