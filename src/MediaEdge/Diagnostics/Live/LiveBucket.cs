namespace MediaEdge.Diagnostics.Live;

/// <summary>What one interval of <see cref="LiveStats"/> counted; reused when its slot of the ring comes round again. Guarded by the recorder's lock.</summary>
internal sealed class LiveBucket
{
    /// <summary>The interval held: its start in Unix seconds divided by the bucket width; -1 while unused.</summary>
    public long Interval { get; private set; } = -1;

    /// <summary>Responses by tier, indexed as <see cref="LiveStats.Tiers"/>.</summary>
    public long[] Tiers { get; } = new long[LiveStats.Tiers.Length];

    /// <summary>Responses by status: index 0 for 1xx through 4 for 5xx.</summary>
    public long[] StatusClasses { get; } = new long[5];

    /// <summary>Responses by status code (100–599), for the top codes.</summary>
    public Dictionary<int, long> StatusCodes { get; } = [];

    public SampleReservoir TransformMilliseconds { get; } = new();

    public long BytesSaved { get; set; }

    public long L2Errors { get; set; }

    /// <summary>Origin reads by source: count, bytes and a sample of durations.</summary>
    public Dictionary<string, OriginCounts> Origins { get; } = new(StringComparer.Ordinal);

    /// <summary>Makes this the empty bucket of <paramref name="interval"/>, unless it already is that interval's.</summary>
    public void Reset(long interval)
    {
        if (Interval == interval)
        {
            return;
        }

        Interval = interval;
        Array.Clear(Tiers);
        Array.Clear(StatusClasses);
        StatusCodes.Clear();
        TransformMilliseconds.Clear();
        BytesSaved = 0;
        L2Errors = 0;
        foreach (var origin in Origins.Values)
        {
            origin.Clear();
        }
    }

    /// <summary>One source's origin reads in a bucket.</summary>
    internal sealed class OriginCounts
    {
        public long Reads { get; set; }

        public long Bytes { get; set; }

        public SampleReservoir Milliseconds { get; } = new();

        public void Clear()
        {
            Reads = 0;
            Bytes = 0;
            Milliseconds.Clear();
        }
    }
}
