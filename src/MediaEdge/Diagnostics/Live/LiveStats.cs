using System.Diagnostics.Metrics;

namespace MediaEdge.Diagnostics.Live;

/// <summary>
/// This node's last five minutes in two-second intervals, for the admin dashboard: responses by cache tier and status,
/// transform times, bytes saved, Redis errors and origin reads, all heard from the <c>MediaEdge</c> meter (so the
/// pipeline reports nothing twice), and the slowest transforms with their URLs. Memory is fixed by the ring's length and
/// <see cref="SampleReservoir.Capacity"/>; every clock reading comes from the <see cref="TimeProvider"/>.
/// </summary>
internal sealed class LiveStats : IDisposable
{
    public const int BucketSeconds = 2;
    public const int Intervals = 150;
    public const int WindowSeconds = BucketSeconds * Intervals;

    /// <summary>The cache tiers counted, in the order of <see cref="LiveBucket.Tiers"/>; a tier not listed counts as "other".</summary>
    public static readonly string[] Tiers = ["hit-l1", "hit-disk", "hit-l2", "miss", "stale", "none", "other"];

    private readonly Meter _meter;
    private readonly TimeProvider _time;
    private readonly MeterListener _listener = new();
    private readonly Lock _lock = new();

    // One more than the window: the interval in progress never overwrites the oldest one charted.
    private readonly LiveBucket[] _ring = [.. Enumerable.Range(0, Intervals + 1).Select(_ => new LiveBucket())];
    private readonly Dictionary<string, DateTimeOffset> _lastOriginRead = new(StringComparer.Ordinal);
    private readonly SlowTransforms _slowest = new(TimeSpan.FromSeconds(WindowSeconds));

    public LiveStats(MediaEdgeMetrics metrics, TimeProvider time)
    {
        _meter = metrics.Meter;
        _time = time;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            // This node's meter only: hosts side by side in one process (tests) each have their own.
            if (ReferenceEquals(instrument.Meter, _meter) && instrument is Counter<long> or Histogram<double>)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => OnCount(instrument.Name, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => OnDuration(instrument.Name, value, tags));
        _listener.Start();
    }

    /// <summary>Offers a response's transform to the slowest list: <paramref name="url"/> is its path and query.</summary>
    public void TransformServed(string url, double milliseconds) => _slowest.Offer(url, milliseconds, _time.GetUtcNow());

    /// <summary>The window as it stands now.</summary>
    public LiveSnapshot Snapshot()
    {
        var now = _time.GetUtcNow();
        var first = IntervalOf(now) - Intervals;
        var window = new LiveWindow(first);
        Dictionary<string, DateTimeOffset> lastRead;
        lock (_lock)
        {
            for (var i = 0; i <= Intervals; i++)
            {
                var bucket = _ring[Slot(first + i)];
                if (bucket.Interval == first + i)
                {
                    window.Add(i, bucket);
                }
            }

            lastRead = new Dictionary<string, DateTimeOffset>(_lastOriginRead, StringComparer.Ordinal);
        }

        return window.Build(now, lastRead, _slowest.Slowest(now));
    }

    public void Dispose() => _listener.Dispose();

    private void OnCount(string instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        switch (instrument)
        {
            case "mediaedge.http.requests":
                if (Tag(tags, "route") is "admin")
                {
                    return;
                }

                var tier = Array.IndexOf(Tiers, Tag(tags, "tier") as string);
                var status = Tag(tags, "status") is int code ? code : 0;
                Record((tier, status, value), static (bucket, r) =>
                {
                    bucket.Tiers[r.tier < 0 ? Tiers.Length - 1 : r.tier] += r.value;
                    if (r.status is >= 100 and <= 599)
                    {
                        bucket.StatusClasses[(r.status / 100) - 1] += r.value;
                        bucket.StatusCodes[r.status] = bucket.StatusCodes.GetValueOrDefault(r.status) + r.value;
                    }
                });
                break;
            case "mediaedge.bytes.saved":
                Record(value, static (bucket, v) => bucket.BytesSaved += v);
                break;
            case "mediaedge.cache.l2.errors":
                Record(value, static (bucket, v) => bucket.L2Errors += v);
                break;
            case "mediaedge.origin.reads" when Tag(tags, "source") is string source:
                Record((source, value), static (bucket, r) => Origin(bucket, r.source).Reads += r.value);
                break;
            case "mediaedge.origin.bytes" when Tag(tags, "source") is string source:
                Record((source, value), static (bucket, r) => Origin(bucket, r.source).Bytes += r.value);
                break;
        }
    }

    private void OnDuration(string instrument, double milliseconds, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        switch (instrument)
        {
            case "mediaedge.transform.duration":
                Record(milliseconds, static (bucket, ms) => bucket.TransformMilliseconds.Add(ms));
                break;
            case "mediaedge.origin.duration" when Tag(tags, "source") is string source:
                var at = _time.GetUtcNow();
                Record(at, (source, milliseconds, at, last: _lastOriginRead), static (bucket, r) =>
                {
                    Origin(bucket, r.source).Milliseconds.Add(r.milliseconds);
                    r.last[r.source] = r.at;
                });
                break;
        }
    }

    // Static updates with their state: a measurement allocates nothing on the request path.
    private void Record<TState>(TState state, Action<LiveBucket, TState> update) => Record(_time.GetUtcNow(), state, update);

    private void Record<TState>(DateTimeOffset at, TState state, Action<LiveBucket, TState> update)
    {
        var interval = IntervalOf(at);
        lock (_lock)
        {
            var bucket = _ring[Slot(interval)];
            bucket.Reset(interval);
            update(bucket, state);
        }
    }

    private static LiveBucket.OriginCounts Origin(LiveBucket bucket, string source)
    {
        if (!bucket.Origins.TryGetValue(source, out var counts))
        {
            counts = new LiveBucket.OriginCounts();
            bucket.Origins[source] = counts;
        }

        return counts;
    }

    private static object? Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string key)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == key)
            {
                return tag.Value;
            }
        }

        return null;
    }

    private static long IntervalOf(DateTimeOffset at) => at.ToUnixTimeSeconds() / BucketSeconds;

    private int Slot(long interval) => (int)(interval % _ring.Length);
}
