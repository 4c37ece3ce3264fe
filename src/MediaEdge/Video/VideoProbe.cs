namespace MediaEdge.Video;

/// <summary>What ffprobe says of a video: its length, its stored size, its display rotation, codecs and colour.</summary>
/// <param name="DurationSeconds">The picture's length on the file's timeline: from time 0 (the file's start) to the end of the video stream's last frame (see <see cref="VideoTimeline"/>).</param>
public sealed record VideoProbe(double DurationSeconds, int Width, int Height, int Rotation, string VideoCodec, string? AudioCodec, double FrameRate, string Demuxer)
{
    /// <summary>The file's first timestamp, which routes call time 0 (ffmpeg's <c>-ss</c> counts from it).</summary>
    public double FileStart { get; init; }

    /// <summary>The picture stream's index in the file (a cover picture is never it).</summary>
    public int StreamIndex { get; init; }

    /// <summary>How the stream codes its colour.</summary>
    public VideoColour Colour { get; init; } = VideoColour.Unknown;

    /// <summary>Where <see cref="DurationSeconds"/> came from: <c>container</c> (stored for the stream), <c>packets</c> (read from its packets) or <c>file</c> (the file's length, the stream's unknown).</summary>
    public string DurationSource { get; init; } = "container";

    /// <summary>When the last frame starts showing, where the packets were read; else null.</summary>
    public double? LastFrameSeconds { get; init; }

    /// <summary>A quarter turn swaps the axes on display.</summary>
    public bool Turned => Math.Abs(Rotation) % 180 == 90;

    public int DisplayWidth => Turned ? Height : Width;

    public int DisplayHeight => Turned ? Width : Height;

    /// <summary>How long one frame shows at the average rate.</summary>
    public double FrameSeconds => FrameRate > 0 ? 1 / FrameRate : 0.04;
}
