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

    private static readonly string[] StatusClasses = ["1xx", "2xx", "3xx", "4xx", "5xx"];

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
        var current = IntervalOf(now);
        var time = new long[Intervals];
        var tiers = Tiers.ToDictionary(tier => tier, _ => new double[Intervals], StringComparer.Ordinal);
        var status = StatusClasses.ToDictionary(name => name, _ => new double[Intervals], StringComparer.Ordinal);
        var p50 = new double?[Intervals];
        var p95 = new double?[Intervals];
        var p99 = new double?[Intervals];
        var saved = new double[Intervals];
        var l2Errors = new double[Intervals];
        var tierTotals = new long[Tiers.Length];
        var statusTotals = new long[StatusClasses.Length];
        var codes = new Dictionary<int, long>();
        var transforms = new List<double>();
        var originSamples = new Dictionary<string, (long Reads, long Bytes, List<double> Milliseconds)>(StringComparer.Ordinal);
        long transformCount = 0, savedTotal = 0, l2Total = 0;
        var bucketSamples = new double[SampleReservoir.Capacity];
        Dictionary<string, DateTimeOffset> lastRead;

        lock (_lock)
        {
            for (var i = 0; i <= Intervals; i++)
            {
                var interval = current - Intervals + i;
                var charted = i < Intervals;
                if (charted)
                {
                    time[i] = interval * BucketSeconds;
                }

                var bucket = _ring[Slot(interval)];
                if (bucket.Interval != interval)
                {
                    continue;
                }

                for (var t = 0; t < Tiers.Length; t++)
                {
                    tierTotals[t] += bucket.Tiers[t];
                    if (charted)
                    {
                        tiers[Tiers[t]][i] = (double)bucket.Tiers[t] / BucketSeconds;
                    }
                }

                for (var s = 0; s < StatusClasses.Length; s++)
                {
                    statusTotals[s] += bucket.StatusClasses[s];
                    if (charted)
                    {
                        status[StatusClasses[s]][i] = (double)bucket.StatusClasses[s] / BucketSeconds;
                    }
                }

                foreach (var (code, count) in bucket.StatusCodes)
                {
                    codes[code] = codes.GetValueOrDefault(code) + count;
                }

                var samples = bucket.TransformMilliseconds.Samples;
                transformCount += bucket.TransformMilliseconds.Seen;
                transforms.AddRange(samples);
                if (charted && !samples.IsEmpty)
                {
                    var sorted = bucketSamples.AsSpan(0, samples.Length);
                    samples.CopyTo(sorted);
                    sorted.Sort();
                    p50[i] = Percentile.Of(sorted, 0.50);
                    p95[i] = Percentile.Of(sorted, 0.95);
                    p99[i] = Percentile.Of(sorted, 0.99);
                }

                savedTotal += bucket.BytesSaved;
                l2Total += bucket.L2Errors;
                if (charted)
                {
                    saved[i] = (double)bucket.BytesSaved / BucketSeconds;
                    l2Errors[i] = (double)bucket.L2Errors / BucketSeconds;
                }

                foreach (var (source, counts) in bucket.Origins)
                {
                    var (reads, bytes, milliseconds) = originSamples.TryGetValue(source, out var sum) ? sum : (0, 0, new List<double>());
                    milliseconds.AddRange(counts.Milliseconds.Samples);
                    originSamples[source] = (reads + counts.Reads, bytes + counts.Bytes, milliseconds);
                }
            }

            lastRead = new Dictionary<string, DateTimeOffset>(_lastOriginRead, StringComparer.Ordinal);
        }

        transforms.Sort();
        var origins = lastRead.Keys.Order(StringComparer.Ordinal).Select(source =>
        {
            var (reads, bytes, milliseconds) = originSamples.TryGetValue(source, out var sum) ? sum : (0, 0, []);
            milliseconds.Sort();
            return new OriginActivity(source, reads, bytes, Percentile.Of(milliseconds.ToArray(), 0.95), lastRead[source]);
        });
        var sortedTransforms = transforms.ToArray();
        var totals = new LiveTotals(
            tierTotals.Sum(),
            Tiers.Select((tier, t) => (tier, t)).ToDictionary(p => p.tier, p => tierTotals[p.t], StringComparer.Ordinal),
            StatusClasses.Select((name, s) => (name, s)).ToDictionary(p => p.name, p => statusTotals[p.s], StringComparer.Ordinal),
            [.. codes.OrderByDescending(c => c.Value).ThenBy(c => c.Key).Take(8).Select(c => new StatusCount(c.Key, c.Value))],
            transformCount,
            Percentile.Of(sortedTransforms, 0.50),
            Percentile.Of(sortedTransforms, 0.95),
            Percentile.Of(sortedTransforms, 0.99),
            savedTotal,
            l2Total);
        var series = new LiveSeries(time, tiers, status, p50, p95, p99, saved, l2Errors);
        return new LiveSnapshot(now, BucketSeconds, WindowSeconds, series, totals, _slowest.Slowest(now), [.. origins]);
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
