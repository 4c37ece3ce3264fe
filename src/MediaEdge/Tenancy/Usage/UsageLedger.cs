using MediaEdge.Caching;
using MediaEdge.Requests;

namespace MediaEdge.Tenancy.Usage;

/// <summary>
/// Usage records per source per hour (UTC). With Redis, each node adds what it metered to one shared hash per source and
/// hour every Usage:FlushSeconds (HINCRBY, so nodes add up), keeping what Redis could not take for the next flush; without
/// Redis, the records are this node's, in memory. Records are kept Usage:RetentionDays.
/// </summary>
public sealed class UsageLedger : IAsyncDisposable
{
    /// <summary>The widest span one read may cover.</summary>
    public static readonly TimeSpan MaxSpan = TimeSpan.FromDays(93);

    private static readonly int FieldCount = Enum.GetValues<UsageField>().Length;
    private static readonly string[] FieldNames = [.. Enum.GetNames<UsageField>().Select(name => char.ToLowerInvariant(name[0]) + name[1..])];

    private readonly ISharedTier _shared;
    private readonly bool _useShared;
    private readonly TimeSpan _retention;
    private readonly TimeProvider _time;
    private readonly ITimer _timer;
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _flushing = new(1, 1);
    private Dictionary<(long Hour, string Source), long[]> _records = new();

    /// <param name="useShared">Keep the records in <paramref name="shared"/> (Redis is configured); else in this node's memory.</param>
    public UsageLedger(ISharedTier shared, bool useShared, UsageOptions options, TimeProvider time)
    {
        _shared = shared;
        _useShared = useShared;
        _retention = TimeSpan.FromDays(options.RetentionDays);
        _time = time;
        var period = useShared ? TimeSpan.FromSeconds(options.FlushSeconds) : TimeSpan.FromMinutes(10);
        _timer = time.CreateTimer(static ledger => _ = ((UsageLedger)ledger!).TickAsync(), this, period, period);
    }

    /// <summary>Adds <paramref name="amount"/> to <paramref name="field"/> of <paramref name="source"/>'s record of this hour.</summary>
    public void Add(string source, UsageField field, long amount)
    {
        var hour = HourOf(_time.GetUtcNow());
        lock (_lock)
        {
            RecordOf(hour, source)[(int)field] += amount;
        }
    }

    /// <summary>Adds several amounts to <paramref name="source"/>'s record of this hour at once.</summary>
    public void Add(string source, ReadOnlySpan<(UsageField Field, long Amount)> amounts)
    {
        var hour = HourOf(_time.GetUtcNow());
        lock (_lock)
        {
            var record = RecordOf(hour, source);
            foreach (var (field, amount) in amounts)
            {
                record[(int)field] += amount;
            }
        }
    }

    /// <summary>Sends what this node metered since the last flush to Redis; what Redis does not take is kept for the next one. Nothing without Redis.</summary>
    public async Task FlushAsync()
    {
        if (!_useShared)
        {
            return;
        }

        await _flushing.WaitAsync().ConfigureAwait(false);
        try
        {
            Dictionary<(long Hour, string Source), long[]> sending;
            lock (_lock)
            {
                sending = _records;
                _records = new();
            }

            var ttl = _retention + TimeSpan.FromHours(1);
            foreach (var ((hour, source), counters) in sending)
            {
                var amounts = counters.Select((value, field) => new KeyValuePair<string, long>(FieldNames[field], value)).Where(amount => amount.Value != 0).ToList();
                if (amounts.Count > 0 && !await _shared.AddToHashAsync(CacheNamespace.UsageHour(source, Hour(hour)), amounts, ttl).ConfigureAwait(false))
                {
                    Keep(hour, source, counters);
                }
            }
        }
        finally
        {
            _flushing.Release();
        }
    }

    /// <summary>
    /// The records of <paramref name="sources"/> for the hours starting from <paramref name="from"/>'s hour up to before
    /// <paramref name="to"/>, this node's latest included; records with nothing in them are left out. 400 for a span
    /// past <see cref="MaxSpan"/> or backwards; 503 where Redis cannot be read.
    /// </summary>
    public async Task<IReadOnlyList<UsageRecord>> ReadAsync(DateTimeOffset from, DateTimeOffset to, IReadOnlyList<string> sources)
    {
        if (to <= from || to - from > MaxSpan)
        {
            throw Problems.BadParameter(to <= from ? "to" : "from", $"The span must run forward and cover at most {MaxSpan.TotalDays:0} days (from {from:u} to {to:u}).");
        }

        var hours = new List<long>();
        for (var hour = HourOf(from); Hour(hour) < to; hour++)
        {
            hours.Add(hour);
        }

        var records = new List<UsageRecord>();
        if (!_useShared)
        {
            lock (_lock)
            {
                foreach (var source in sources)
                {
                    foreach (var hour in hours)
                    {
                        if (_records.TryGetValue((hour, source), out var counters) && counters.Any(value => value != 0))
                        {
                            records.Add(new UsageRecord(source, Hour(hour), [.. counters]));
                        }
                    }
                }
            }

            return records;
        }

        await FlushAsync().ConfigureAwait(false);
        var keys = sources.SelectMany(source => hours.Select(hour => (Source: source, Hour: hour))).ToList();
        var hashes = await _shared.GetHashesAsync([.. keys.Select(key => CacheNamespace.UsageHour(key.Source, Hour(key.Hour)))]).ConfigureAwait(false)
            ?? throw new ProblemException(503, "usage-unavailable", "Usage records unavailable", "Redis, which keeps the usage records, could not be read. Retry shortly.") { RetryAfterSeconds = 5 };
        lock (_lock)
        {
            for (var i = 0; i < keys.Count; i++)
            {
                var counters = new long[FieldCount];
                for (var field = 0; field < FieldCount; field++)
                {
                    counters[field] = hashes[i].GetValueOrDefault(FieldNames[field]);
                }

                // What a failed flush kept back is still this node's usage.
                if (_records.TryGetValue((keys[i].Hour, keys[i].Source), out var kept))
                {
                    for (var field = 0; field < FieldCount; field++)
                    {
                        counters[field] += kept[field];
                    }
                }

                if (counters.Any(value => value != 0))
                {
                    records.Add(new UsageRecord(keys[i].Source, Hour(keys[i].Hour), counters));
                }
            }
        }

        return records;
    }

    public async ValueTask DisposeAsync()
    {
        await _timer.DisposeAsync().ConfigureAwait(false);

        // A node stopping sends what it metered last.
        await FlushAsync().ConfigureAwait(false);
    }

    private static long HourOf(DateTimeOffset time) => time.ToUnixTimeSeconds() / 3600;

    private static DateTimeOffset Hour(long hour) => DateTimeOffset.FromUnixTimeSeconds(hour * 3600);

    private long[] RecordOf(long hour, string source)
    {
        if (!_records.TryGetValue((hour, source), out var record))
        {
            record = new long[FieldCount];
            _records[(hour, source)] = record;
        }

        return record;
    }

    private void Keep(long hour, string source, long[] counters)
    {
        lock (_lock)
        {
            var record = RecordOf(hour, source);
            for (var field = 0; field < FieldCount; field++)
            {
                record[field] += counters[field];
            }
        }
    }

    private async Task TickAsync()
    {
        if (_useShared)
        {
            await FlushAsync().ConfigureAwait(false);
            return;
        }

        var oldest = HourOf(_time.GetUtcNow() - _retention);
        lock (_lock)
        {
            foreach (var key in _records.Keys.Where(key => key.Hour < oldest).ToList())
            {
                _records.Remove(key);
            }
        }
    }
}
