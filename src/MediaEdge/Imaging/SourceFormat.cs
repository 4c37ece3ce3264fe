namespace MediaEdge.Imaging;

/// <summary>A source's container format, read from its magic bytes.</summary>
public enum SourceFormat
{
    Jpeg,
    Png,
    Gif,
    Webp,
    Bmp,
    Tiff,
    Avif,
    Heic,
}
