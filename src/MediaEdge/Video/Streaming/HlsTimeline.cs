namespace MediaEdge.Video.Streaming;

/// <summary>
/// A video cut into segments of <see cref="SegmentSeconds"/>, the last one shorter: segment n covers
/// [n × SegmentSeconds, min((n + 1) × SegmentSeconds, duration)) on the picture's timeline. A tail shorter than half a
/// frame holds no frame, so it joins the segment before it.
/// </summary>
public sealed record HlsTimeline(double DurationSeconds, int SegmentSeconds, double FrameSeconds)
{
    /// <summary>How many segments cover the whole video (at least one).</summary>
    public int Count => Math.Max(1, (int)Math.Ceiling(((DurationSeconds - (FrameSeconds / 2)) / SegmentSeconds) - 1e-9));

    /// <summary>Where segment <paramref name="index"/> starts, in seconds.</summary>
    public double Start(int index) => (double)index * SegmentSeconds;

    /// <summary>How long segment <paramref name="index"/> lasts, in seconds: SegmentSeconds, or what is left for the last.</summary>
    public double Duration(int index) => index == Count - 1 ? Math.Max(0, DurationSeconds - Start(index)) : SegmentSeconds;
}
