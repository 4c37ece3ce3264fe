namespace MediaEdge.Video.Streaming;

/// <summary>MediaEdge:Video:Hls — adaptive streaming (HLS) transcoded segment by segment on demand.</summary>
public sealed class HlsOptions
{
    /// <summary>The ladder used where <see cref="Heights"/> is empty: 360p, 720p and 1080p.</summary>
    public static readonly IReadOnlyList<int> DefaultHeights = [360, 720, 1080];

    /// <summary>Length of every segment but the last, in whole seconds (the playlists' EXT-X-TARGETDURATION). Default 4.</summary>
    public int SegmentSeconds { get; set; } = 4;

    /// <summary>Rendition heights in pixels offered where the source is at least that tall; empty means <see cref="DefaultHeights"/>. Default empty.</summary>
    public int[] Heights { get; set; } = [];

    /// <summary>The heights in force, lowest first.</summary>
    public IReadOnlyList<int> Ladder => (Heights.Length > 0 ? Heights : DefaultHeights).Distinct().Order().ToList();
}
