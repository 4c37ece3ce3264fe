using MediaEdge.Requests;

namespace MediaEdge.Imaging.Vips;

internal static class VipsEncoders
{
    public static string ContentType(OutputFormat format) => format switch
    {
        OutputFormat.Jpeg or OutputFormat.ProgressiveJpeg => "image/jpeg",
        OutputFormat.Png => "image/png",
        OutputFormat.Webp => "image/webp",
        OutputFormat.Gif => "image/gif",
        OutputFormat.Avif => "image/avif",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "not an image encoder"),
    };
}
