namespace MediaEdge.Video;

/// <summary>What ffprobe says of a video: its length, its stored size, its display rotation and codecs.</summary>
public sealed record VideoProbe(double DurationSeconds, int Width, int Height, int Rotation, string VideoCodec, string? AudioCodec, double FrameRate, string Demuxer)
{
    /// <summary>A quarter turn swaps the axes on display.</summary>
    public bool Turned => Math.Abs(Rotation) % 180 == 90;

    public int DisplayWidth => Turned ? Height : Width;

    public int DisplayHeight => Turned ? Width : Height;
}
