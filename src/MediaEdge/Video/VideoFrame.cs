using System.Globalization;

namespace MediaEdge.Video;

/// <summary>Which frame of a video a thumbnail shows: at a time, or (null time) a representative one chosen by ffmpeg.</summary>
public sealed record VideoFrame(double? Seconds)
{
    public string Canonical() => Seconds is { } s ? "t" + s.ToString("R", CultureInfo.InvariantCulture) : "auto";
}
