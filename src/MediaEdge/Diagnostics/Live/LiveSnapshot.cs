namespace MediaEdge.Diagnostics.Live;

/// <summary>What <see cref="LiveStats"/> holds at one moment, as <c>GET /admin/api/stats</c> sends it.</summary>
/// <param name="Now">The node's clock when the snapshot was taken.</param>
/// <param name="BucketSeconds">The width of one interval of <see cref="Series"/>, in seconds.</param>
/// <param name="WindowSeconds">How far back <see cref="Series"/>, <see cref="Totals"/> and <see cref="Slowest"/> reach.</param>
/// <param name="Series">One value per complete interval, oldest first.</param>
/// <param name="Totals">Sums over the window, the interval in progress included.</param>
/// <param name="Slowest">The slowest transforms of the window, slowest first.</param>
/// <param name="Origins">Origin reads of the window, per source that read any since the node started.</param>
internal sealed record LiveSnapshot(
    DateTimeOffset Now,
    int BucketSeconds,
    int WindowSeconds,
    LiveSeries Series,
    LiveTotals Totals,
    IReadOnlyList<SlowTransform> Slowest,
    IReadOnlyList<OriginActivity> Origins);

/// <summary>The charts' data: arrays of one length, index i the interval starting at <see cref="Time"/>[i].</summary>
/// <param name="Time">Each interval's start, in Unix seconds.</param>
/// <param name="Tiers">Responses per second by cache tier (hit-l1, hit-disk, hit-l2, miss, stale, none, other).</param>
/// <param name="Status">Responses per second by status class (1xx to 5xx).</param>
/// <param name="TransformP50">Median transform time in the interval, in ms; null where none ran.</param>
/// <param name="TransformP95">95th percentile transform time, in ms; null where none ran.</param>
/// <param name="TransformP99">99th percentile transform time, in ms; null where none ran.</param>
/// <param name="BytesSaved">Bytes saved against the originals, per second.</param>
/// <param name="L2Errors">Redis calls that failed, per second.</param>
internal sealed record LiveSeries(
    long[] Time,
    IReadOnlyDictionary<string, double[]> Tiers,
    IReadOnlyDictionary<string, double[]> Status,
    double?[] TransformP50,
    double?[] TransformP95,
    double?[] TransformP99,
    double[] BytesSaved,
    double[] L2Errors);

/// <summary>Counts over the whole window.</summary>
/// <param name="Responses">Responses sent (the admin pages' own calls are not counted).</param>
/// <param name="Tiers">Responses by cache tier.</param>
/// <param name="Status">Responses by status class (1xx to 5xx).</param>
/// <param name="TopCodes">The most frequent status codes, most frequent first (at most 8).</param>
/// <param name="Transforms">Transforms run (images decoded and rendered).</param>
/// <param name="TransformP50">Median transform time, in ms; null without transforms.</param>
/// <param name="TransformP95">95th percentile transform time, in ms; null without transforms.</param>
/// <param name="TransformP99">99th percentile transform time, in ms; null without transforms.</param>
/// <param name="BytesSaved">Bytes saved against the originals.</param>
/// <param name="L2Errors">Redis calls that failed.</param>
internal sealed record LiveTotals(
    long Responses,
    IReadOnlyDictionary<string, long> Tiers,
    IReadOnlyDictionary<string, long> Status,
    IReadOnlyList<StatusCount> TopCodes,
    long Transforms,
    double? TransformP50,
    double? TransformP95,
    double? TransformP99,
    long BytesSaved,
    long L2Errors);

/// <summary>How many responses had one status code.</summary>
/// <param name="Status">The HTTP status code.</param>
/// <param name="Count">Responses with it in the window.</param>
internal sealed record StatusCount(int Status, long Count);

/// <summary>One slow transform.</summary>
/// <param name="Url">The request's path and query, as the client sent it (cut at 1,024 characters).</param>
/// <param name="Milliseconds">The transform's time, as in Server-Timing's <c>transform;dur=</c>.</param>
/// <param name="At">When the response was sent.</param>
internal sealed record SlowTransform(string Url, double Milliseconds, DateTimeOffset At);

/// <summary>One source's origin reads.</summary>
/// <param name="Source">The source's configured name.</param>
/// <param name="Reads">Whole-object reads in the window.</param>
/// <param name="Bytes">Bytes read in the window.</param>
/// <param name="P95Milliseconds">95th percentile read time in the window, in ms; null without reads.</param>
/// <param name="LastReadAt">When the last read completed, however long ago; null if none has.</param>
internal sealed record OriginActivity(string Source, long Reads, long Bytes, double? P95Milliseconds, DateTimeOffset? LastReadAt);
