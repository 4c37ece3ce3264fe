namespace MediaEdge.Video;

/// <summary>
/// Reads ffprobe's packet lines (<c>-show_entries packet=pts_time,dts_time,duration_time -of csv=p=0</c>) of one video
/// stream and keeps where its last frame ends: the latest timestamp plus that packet's duration (or one frame at the
/// average rate where the container gives none). Packets come in decoding order, so the latest is not the last line.
/// </summary>
public sealed class PacketScan
{
    private readonly double _frameSeconds;

    public PacketScan(double frameRate) => _frameSeconds = frameRate > 0 ? 1 / frameRate : 0.04;

    /// <summary>The end of the last frame on the file's timeline, or null before any packet with a timestamp.</summary>
    public double? End { get; private set; }

    /// <summary>The timestamp of the latest frame.</summary>
    public double? LastFrame { get; private set; }

    public void Add(string line)
    {
        var fields = line.Split(',');
        if (fields.Length < 3)
        {
            return;
        }

        if ((VideoTimeline.Seconds(fields[0]) ?? VideoTimeline.Seconds(fields[1])) is not { } at)
        {
            return;
        }

        var duration = VideoTimeline.Seconds(fields[2]) is { } d && d > 0 ? d : _frameSeconds;
        if (LastFrame is null || at > LastFrame)
        {
            LastFrame = at;
        }

        if (End is null || at + duration > End)
        {
            End = at + duration;
        }
    }
}
