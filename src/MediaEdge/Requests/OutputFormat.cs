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

    /// <summary>An animated source as a silent H.264 MP4 (imgix's fm=mp4); the engine renders it as GIF, ffmpeg encodes it.</summary>
    Mp4,

    /// <summary>An animated source as a silent VP9 WebM.</summary>
    Webm,
}
