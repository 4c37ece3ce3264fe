namespace MediaEdge.Imaging;

/// <summary>What a source's header says, read before any pixel is decoded. Width and height are as stored, before orientation.</summary>
public sealed record SourceInfo(SourceFormat Format, int Width, int Height, bool HasAlpha, int Frames, int Orientation)
{
    /// <summary>EXIF orientations 5 to 8 swap the axes.</summary>
    public bool SwapsAxes => Orientation is >= 5 and <= 8;

    public int OrientedWidth => SwapsAxes ? Height : Width;

    public int OrientedHeight => SwapsAxes ? Width : Height;

    public long Pixels => (long)Width * Height;
}
