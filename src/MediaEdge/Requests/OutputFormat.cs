namespace MediaEdge.Requests;

/// <summary>What the response is encoded as. <see cref="Source"/> and <see cref="JpegOrPng"/> are settled by the source itself.</summary>
public enum OutputFormat
{
    /// <summary>No <c>fm</c> and no negotiation: the source's own format where we encode it, else JPEG/PNG by alpha.</summary>
    Source,

    /// <summary>Negotiated for a client without WebP/AVIF: PNG where the source has alpha, else JPEG.</summary>
    JpegOrPng,
    Jpeg,
    ProgressiveJpeg,
    Png,
    Webp,
    Gif,
    Avif,
    Json,
}
