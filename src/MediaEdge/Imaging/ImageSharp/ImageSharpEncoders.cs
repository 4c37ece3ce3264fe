using MediaEdge.Requests;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Processing.Processors.Quantization;

namespace MediaEdge.Imaging.ImageSharp;

/// <summary>The encoder and its settings for each output format.</summary>
internal static class ImageSharpEncoders
{
    public static byte[] Encode(Image image, ImagePlan plan)
    {
        IImageEncoder encoder = plan.Format switch
        {
            OutputFormat.Jpeg => new JpegEncoder { Quality = plan.Quality, ColorType = JpegColorType.YCbCrRatio420 },
            OutputFormat.Png => plan.Spec.Compress
                ? new PngEncoder { ColorType = PngColorType.Palette, Quantizer = new WuQuantizer(), CompressionLevel = PngCompressionLevel.BestCompression }
                : new PngEncoder { CompressionLevel = PngCompressionLevel.DefaultCompression },
            OutputFormat.Webp => new WebpEncoder { Quality = plan.Quality, FileFormat = WebpFileFormatType.Lossy, Method = WebpEncodingMethod.Level4 },
            OutputFormat.Gif => new GifEncoder { ColorTableMode = GifColorTableMode.Local },
            _ => throw new ArgumentOutOfRangeException(nameof(plan), plan.Format, "the imagesharp engine does not encode this format"),
        };

        using var output = new MemoryStream();
        image.Save(output, encoder);
        return output.ToArray();
    }
}
