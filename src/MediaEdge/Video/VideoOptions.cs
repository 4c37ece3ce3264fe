using MediaEdge.Video.Streaming;

namespace MediaEdge.Video;

/// <summary>MediaEdge:Video — ffmpeg and the limits of the video routes.</summary>
public sealed class VideoOptions
{
    /// <summary>Folder holding ffmpeg and ffprobe; empty means the PATH. Default empty.</summary>
    public string FfmpegFolder { get; set; } = "";

    /// <summary>ffmpeg/ffprobe processes at once. Default 2.</summary>
    public int MaxProcesses { get; set; } = 2;

    /// <summary>
    /// Longest a video job may be predicted to wait for a process (the work ahead of it from recent job durations, over
    /// MaxProcesses); a job that would wait longer gets 503 at once, with Retry-After the predicted wait. Default 30 s.
    /// </summary>
    public int MaxQueueWaitSeconds { get; set; } = 30;

    /// <summary>Time one ffmpeg or ffprobe run may take once it has a process, before it is killed (503). Default 30 s.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Longest animated preview, end − start, in seconds. Default 10.</summary>
    public double MaxAnimatedSeconds { get; set; } = 10;

    /// <summary>Highest frame rate of an animated preview. Default 30.</summary>
    public int MaxAnimatedFps { get; set; } = 30;

    /// <summary>Largest width or height of an animated preview, in pixels. Default 640.</summary>
    public int MaxAnimatedDimension { get; set; } = 640;

    /// <summary>Most tiles in a storyboard. Default 100.</summary>
    public int MaxStoryboardTiles { get; set; } = 100;

    /// <summary>Largest source a clip (video.mp4, video.webm) is transcoded from, in bytes; larger is 413. Default 1 GiB.</summary>
    public long MaxClipSourceBytes { get; set; } = 1L << 30;

    /// <summary>Longest clip, in seconds of output; longer is 400. Default 60.</summary>
    public double MaxClipSeconds { get; set; } = 60;

    /// <summary>Most pixels in one frame of a clip (width × height); more is 400. Default 8,294,400 (3840 × 2160).</summary>
    public long MaxClipPixels { get; set; } = 3840 * 2160;

    /// <summary>Time one clip's ffmpeg run may take once it has a process, before it is killed (422 clip-timeout). Default 120 s.</summary>
    public int ClipTimeoutSeconds { get; set; } = 120;

    /// <summary>Clips transcoding at once on this node (each also holds one of MaxProcesses); one more is 429. Default 1.</summary>
    public int MaxClipProcesses { get; set; } = 1;

    /// <summary>MediaEdge:Video:Hls — adaptive streaming: segment length and the rendition ladder.</summary>
    public HlsOptions Hls { get; set; } = new();

    /// <summary>Size of the blocks ffmpeg's reads are served in and cached by, in bytes. Default 65536.</summary>
    public int BlockBytes { get; set; } = 65536;
}
