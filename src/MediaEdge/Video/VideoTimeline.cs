using System.Globalization;

namespace MediaEdge.Video;

/// <summary>
/// Where a video stream's frames lie on its file's timeline. Time 0 of every route is the file's start (ffmpeg's
/// <c>-ss</c> counts from there); the video's length runs from there to the end of its last frame, which is the
/// stream's own end, not the file's: an audio track may run on after the picture stops, and a stream may start late.
/// </summary>
/// <param name="FileStart">The file's first timestamp (ffprobe's format start_time), in seconds.</param>
/// <param name="FileDuration">The file's stored length, if it has one.</param>
/// <param name="StoredEnd">Where the container says the video stream ends (its start plus its duration, or a Matroska DURATION tag); null when it does not say, and the packets must be read.</param>
public sealed record VideoTimeline(double FileStart, double? FileDuration, double? StoredEnd)
{
    /// <summary>How much of a long file's end a scan reads first: the video usually ends with it.</summary>
    public const double TailSeconds = 30;

    /// <summary>The video's length on the file's timeline, where the container states it.</summary>
    public double? StoredDuration => StoredEnd is { } end ? Math.Max(0, end - FileStart) : null;

    /// <summary>ffprobe's <c>-read_intervals</c> for reading the packets of the file's last <see cref="TailSeconds"/>, or null where the whole file must be read.</summary>
    public string? TailInterval() => FileDuration is { } d && d > TailSeconds
        ? (FileStart + d - TailSeconds).ToString("0.###", CultureInfo.InvariantCulture) + "%"
        : null;

    /// <summary>The video's length from a scan's end (the last frame's timestamp plus its duration).</summary>
    public double DurationFromEnd(double end) => Math.Max(0, end - FileStart);

    /// <summary>ffprobe's seconds ("1.040000"); "N/A", empty or nonsense are null.</summary>
    public static double? Seconds(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : null;

    /// <summary>A Matroska DURATION tag ("00:00:01.007000000"): ffmpeg's muxer writes the end of the track's last frame.</summary>
    public static double? TagSeconds(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var parts = text.Split(':');
        if (parts.Length != 3
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
            || !double.TryParse(parts[2], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds))
        {
            return null;
        }

        return (hours * 3600) + (minutes * 60) + seconds;
    }
}
