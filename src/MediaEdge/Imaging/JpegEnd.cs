namespace MediaEdge.Imaging;

/// <summary>How a JPEG's image data ends, once <see cref="JpegCompleteness.Check"/> has found it whole.</summary>
public enum JpegEnd
{
    /// <summary>The end-of-image marker follows the image data.</summary>
    Marker,

    /// <summary>Every block of every scan is there, but the file stops without its end-of-image marker (some phones write these).</summary>
    MissingMarker,
}
