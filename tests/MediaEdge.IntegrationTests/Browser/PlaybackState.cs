using System.Text.Json;

namespace MediaEdge.IntegrationTests.Browser;

/// <summary>What the page's &lt;video&gt; element showed at one moment (playback.state() in playback.html).</summary>
public sealed record PlaybackState(
    int ReadyState,
    double CurrentTime,
    double Duration,
    int VideoWidth,
    int VideoHeight,
    bool Paused,
    double PlaybackRate,
    long TotalVideoFrames,
    long DroppedVideoFrames,
    long AudioDecodedBytes,
    IReadOnlyList<double[]> Buffered,
    long LongestStallMs,
    string? Failure,
    IReadOnlyList<MediaEvent> Events,
    IReadOnlyList<HlsEvent> Hls)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The fragments hls.js loaded, by sequence number, in the order it loaded them.</summary>
    public IReadOnlyList<int> LoadedSegments => Hls.Where(e => e.Event == "FRAG_LOADED" && e.Sn is not null).Select(e => e.Sn!.Value).ToList();

    public static PlaybackState Parse(JsonElement state) => state.Deserialize<PlaybackState>(Json)
        ?? throw new InvalidOperationException("playback.state() returned null.");

    /// <summary>One line for a failure message: the numbers, then every event.</summary>
    public override string ToString() => JsonSerializer.Serialize(this, Json);
}

/// <summary>An event the &lt;video&gt; element fired, with its currentTime then and ms since the page loaded.</summary>
public sealed record MediaEvent(string Event, double CurrentTime, long T);

/// <summary>An hls.js event: LEVEL_LOADED (level, fragments), FRAG_LOADED/FRAG_BUFFERED (sn, level, start, duration), ERROR (fatal, details).</summary>
public sealed record HlsEvent(string Event, int? Sn, int? Level, double? Start, double? Duration, int? Fragments, double? TargetDuration, bool? Fatal, string? Details, long T);
