namespace MediaEdge.Diagnostics.Live;

/// <summary>
/// Sums the buckets of one <see cref="LiveStats.Snapshot"/> into its series and totals: built under the recorder's lock
/// (<see cref="Add"/> copies what it needs), made into the snapshot outside it.
/// </summary>
internal sealed class LiveWindow
{
    private static readonly string[] StatusClasses = ["1xx", "2xx", "3xx", "4xx", "5xx"];

    private readonly long[] _time = new long[LiveStats.Intervals];
    private readonly Dictionary<string, double[]> _tiers = LiveStats.Tiers.ToDictionary(tier => tier, _ => new double[LiveStats.Intervals], StringComparer.Ordinal);
    private readonly Dictionary<string, double[]> _status = StatusClasses.ToDictionary(name => name, _ => new double[LiveStats.Intervals], StringComparer.Ordinal);
    private readonly double?[] _p50 = new double?[LiveStats.Intervals];
    private readonly double?[] _p95 = new double?[LiveStats.Intervals];
    private readonly double?[] _p99 = new double?[LiveStats.Intervals];
    private readonly double[] _saved = new double[LiveStats.Intervals];
    private readonly double[] _l2Errors = new double[LiveStats.Intervals];
    private readonly long[] _tierTotals = new long[LiveStats.Tiers.Length];
    private readonly long[] _statusTotals = new long[StatusClasses.Length];
    private readonly Dictionary<int, long> _codes = [];
    private readonly List<double> _transforms = [];
    private readonly Dictionary<string, (long Reads, long Bytes, List<double> Milliseconds)> _origins = new(StringComparer.Ordinal);
    private readonly double[] _sorting = new double[SampleReservoir.Capacity];
    private long _transformCount;
    private long _savedTotal;
    private long _l2Total;

    /// <param name="first">The first interval charted; the window holds <see cref="LiveStats.Intervals"/> from it, then the one in progress.</param>
    public LiveWindow(long first)
    {
        for (var i = 0; i < LiveStats.Intervals; i++)
        {
            _time[i] = (first + i) * LiveStats.BucketSeconds;
        }
    }

    /// <summary>Adds the bucket of the window's interval <paramref name="index"/>: charted below <see cref="LiveStats.Intervals"/>, only totalled at it.</summary>
    public void Add(int index, LiveBucket bucket)
    {
        var charted = index < LiveStats.Intervals;
        for (var t = 0; t < LiveStats.Tiers.Length; t++)
        {
            _tierTotals[t] += bucket.Tiers[t];
            if (charted)
            {
                _tiers[LiveStats.Tiers[t]][index] = PerSecond(bucket.Tiers[t]);
            }
        }

        for (var s = 0; s < StatusClasses.Length; s++)
        {
            _statusTotals[s] += bucket.StatusClasses[s];
            if (charted)
            {
                _status[StatusClasses[s]][index] = PerSecond(bucket.StatusClasses[s]);
            }
        }

        foreach (var (code, count) in bucket.StatusCodes)
        {
            _codes[code] = _codes.GetValueOrDefault(code) + count;
        }

        var samples = bucket.TransformMilliseconds.Samples;
        _transformCount += bucket.TransformMilliseconds.Seen;
        _transforms.AddRange(samples);
        if (charted && !samples.IsEmpty)
        {
            var sorted = _sorting.AsSpan(0, samples.Length);
            samples.CopyTo(sorted);
            sorted.Sort();
            (_p50[index], _p95[index], _p99[index]) = (Percentile.Of(sorted, 0.50), Percentile.Of(sorted, 0.95), Percentile.Of(sorted, 0.99));
        }

        _savedTotal += bucket.BytesSaved;
        _l2Total += bucket.L2Errors;
        if (charted)
        {
            _saved[index] = PerSecond(bucket.BytesSaved);
            _l2Errors[index] = PerSecond(bucket.L2Errors);
        }

        foreach (var (source, counts) in bucket.Origins)
        {
            var (reads, bytes, milliseconds) = _origins.TryGetValue(source, out var sum) ? sum : (0, 0, new List<double>());
            milliseconds.AddRange(counts.Milliseconds.Samples);
            _origins[source] = (reads + counts.Reads, bytes + counts.Bytes, milliseconds);
        }
    }

    /// <summary>The snapshot: <paramref name="lastRead"/> names every source that has read, <paramref name="slowest"/> is the slow list.</summary>
    public LiveSnapshot Build(DateTimeOffset now, IReadOnlyDictionary<string, DateTimeOffset> lastRead, IReadOnlyList<SlowTransform> slowest)
    {
        var origins = lastRead.Keys.Order(StringComparer.Ordinal).Select(source =>
        {
            var (reads, bytes, milliseconds) = _origins.TryGetValue(source, out var sum) ? sum : (0, 0, []);
            milliseconds.Sort();
            return new OriginActivity(source, reads, bytes, Percentile.Of(milliseconds.ToArray(), 0.95), lastRead[source]);
        });
        _transforms.Sort();
        var transforms = _transforms.ToArray();
        var totals = new LiveTotals(
            _tierTotals.Sum(),
            LiveStats.Tiers.Select((tier, t) => (tier, t)).ToDictionary(p => p.tier, p => _tierTotals[p.t], StringComparer.Ordinal),
            StatusClasses.Select((name, s) => (name, s)).ToDictionary(p => p.name, p => _statusTotals[p.s], StringComparer.Ordinal),
            [.. _codes.OrderByDescending(c => c.Value).ThenBy(c => c.Key).Take(8).Select(c => new StatusCount(c.Key, c.Value))],
            _transformCount,
            Percentile.Of(transforms, 0.50),
            Percentile.Of(transforms, 0.95),
            Percentile.Of(transforms, 0.99),
            _savedTotal,
            _l2Total);
        var series = new LiveSeries(_time, _tiers, _status, _p50, _p95, _p99, _saved, _l2Errors);
        return new LiveSnapshot(now, LiveStats.BucketSeconds, LiveStats.WindowSeconds, series, totals, slowest, [.. origins]);
    }

    private static double PerSecond(long count) => (double)count / LiveStats.BucketSeconds;
}
