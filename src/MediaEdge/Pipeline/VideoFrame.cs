using System.Globalization;

namespace MediaEdge.Pipeline;

/// <summary>Which frame of a video a thumbnail shows: at a time, or (null time) a representative one chosen by ffmpeg.</summary>
public sealed record VideoFrame(double? Seconds)
{
    /// <summary>Changes whenever the way a frame is taken does (the frame showing at the time; the stream's colour honoured), so thumbnails cached by older nodes are not served as new.</summary>
    private const string Extraction = "x2";

    public string Canonical() => (Seconds is { } s ? "t" + s.ToString("R", CultureInfo.InvariantCulture) : "auto") + "~" + Extraction;
}
