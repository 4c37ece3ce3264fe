using MediaEdge.Requests;

namespace MediaEdge.Imaging;

/// <summary>The Content-Type of each encoded output format: fixed by the encoder, never taken from the source.</summary>
public static class OutputContentType
{
    public static string Of(OutputFormat format) => format switch
    {
        OutputFormat.Jpeg or OutputFormat.ProgressiveJpeg => "image/jpeg",
        OutputFormat.Png => "image/png",
        OutputFormat.Webp => "image/webp",
        OutputFormat.Gif => "image/gif",
        OutputFormat.Avif => "image/avif",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "not an image encoder"),
    };
}
