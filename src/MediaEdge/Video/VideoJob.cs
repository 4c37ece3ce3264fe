namespace MediaEdge.Video;

/// <summary>The kinds of ffmpeg/ffprobe run, each with its own moving average of how long it takes.</summary>
public enum VideoJob
{
    /// <summary>ffprobe reading streams and format.</summary>
    Probe,

    /// <summary>ffprobe reading a stream's packets, where the container does not store its length.</summary>
    Scan,

    /// <summary>One frame for a thumbnail.</summary>
    Frame,

    /// <summary>An animated preview.</summary>
    Animated,

    /// <summary>A storyboard sprite.</summary>
    Storyboard,

    /// <summary>A transcoded clip (video.mp4, video.webm).</summary>
    Clip,

    /// <summary>One HLS segment of one rendition.</summary>
    Segment,
}
