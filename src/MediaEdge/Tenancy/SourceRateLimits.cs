using System.Collections.Frozen;
using System.Globalization;
using System.Threading.RateLimiting;
using MediaEdge.Origins;
using MediaEdge.Requests;
using MediaEdge.Tenancy.Usage;

namespace MediaEdge.Tenancy;

/// <summary>
/// Each source's RateLimit (Sources:{name}:RateLimit): a token bucket of requests and one of transform milliseconds
/// (System.Threading.RateLimiting's <see cref="TokenBucketRateLimiter"/>, which refills itself on its own clock: the
/// library takes no <see cref="TimeProvider"/>, so these buckets are the one clock of the node that a fake one does not drive).
/// A request past the first, or a transform while the second is spent, is refused with 429 and the Retry-After the
/// bucket gives. Transform time is known only after the work: a transform needs one token to start, and is charged
/// what it used once it ends; what the bucket could not pay is owed, and paid before the next transform may start.
/// </summary>
public sealed class SourceRateLimits : IDisposable
{
    /// <summary>How often the buckets are refilled.</summary>
    private static readonly TimeSpan RefillPeriod = TimeSpan.FromMilliseconds(100);

    private readonly FrozenDictionary<string, Buckets> _buckets;
    private readonly UsageMeter _usage;

    public SourceRateLimits(IReadOnlyDictionary<string, SourceOptions> sources, UsageMeter usage)
    {
        _usage = usage;
        _buckets = sources.Where(s => s.Value.RateLimit.Enabled).ToFrozenDictionary(s => s.Key, s => new Buckets(s.Value.RateLimit), StringComparer.Ordinal);
    }

    /// <summary>Lets one request of <paramref name="source"/> in, or throws 429 with Retry-After past its RequestsPerSecond.</summary>
    public void AdmitRequest(string source)
    {
        if (_buckets.GetValueOrDefault(source)?.Requests is not { } bucket)
        {
            return;
        }

        using var lease = bucket.AttemptAcquire(1);
        if (!lease.IsAcquired)
        {
            throw Refused(source, nameof(SourceRateLimitOptions.RequestsPerSecond), RetryAfter(lease), $"more than {Rate(source, r => r.RequestsPerSecond)} requests a second");
        }
    }

    /// <summary>Lets one transform of <paramref name="source"/> start, or throws 429 with Retry-After while its TransformSecondsPerSecond is spent.</summary>
    public void AdmitTransform(string source)
    {
        if (_buckets.GetValueOrDefault(source) is not { Transform: { } bucket } buckets)
        {
            return;
        }

        buckets.PayDebt();
        var what = $"more than {Rate(source, r => r.TransformSecondsPerSecond)} s of transform time a second";
        if (Interlocked.Read(ref buckets.Debt) is > 0 and var owed)
        {
            throw Refused(source, nameof(SourceRateLimitOptions.TransformSecondsPerSecond), TimeSpan.FromMilliseconds(owed / buckets.Options.TransformSecondsPerSecond), what);
        }

        using var lease = bucket.AttemptAcquire(1);
        if (!lease.IsAcquired)
        {
            throw Refused(source, nameof(SourceRateLimitOptions.TransformSecondsPerSecond), RetryAfter(lease), what);
        }

        // The token taken to start is part of what the transform will be charged.
        Interlocked.Add(ref buckets.Debt, -1);
    }

    /// <summary>Charges <paramref name="used"/> of transform time to <paramref name="source"/>, once the transform has ended.</summary>
    public void Charge(string source, TimeSpan used)
    {
        if (_buckets.GetValueOrDefault(source) is { Transform: not null } buckets)
        {
            Interlocked.Add(ref buckets.Debt, (long)Math.Ceiling(used.TotalMilliseconds));
            buckets.PayDebt();
        }
    }

    public void Dispose()
    {
        foreach (var buckets in _buckets.Values)
        {
            buckets.Requests?.Dispose();
            buckets.Transform?.Dispose();
        }
    }

    private string Rate(string source, Func<SourceRateLimitOptions, double> rate) =>
        rate(_buckets[source].Options).ToString(CultureInfo.InvariantCulture);

    private static TimeSpan RetryAfter(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);

    private ProblemException Refused(string source, string limit, TimeSpan wait, string what)
    {
        _usage.RateLimited(source, limit);
        var retryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        var key = $"Sources:{source}:RateLimit:{limit}";
        return new ProblemException(429, "rate-limited", "Too many requests for this source",
            $"The source '{source}' is allowed {what} ({key}). Retry after {retryAfter} s.",
            new Dictionary<string, object?> { ["source"] = source, ["limit"] = key }) { RetryAfterSeconds = retryAfter };
    }

    /// <summary>One source's buckets, and the transform milliseconds it owes.</summary>
    private sealed class Buckets
    {
        public long Debt;

        public Buckets(SourceRateLimitOptions options)
        {
            Options = options;
            Requests = options.RequestsPerSecond > 0 ? Bucket(options.RequestsPerSecond, options.BurstSeconds) : null;
            Transform = options.TransformSecondsPerSecond > 0 ? Bucket(options.TransformSecondsPerSecond * 1000, options.BurstSeconds) : null;
        }

        public SourceRateLimitOptions Options { get; }

        public TokenBucketRateLimiter? Requests { get; }

        public TokenBucketRateLimiter? Transform { get; }

        /// <summary>Takes what is owed from the transform bucket, as far as it holds tokens.</summary>
        public void PayDebt()
        {
            while (Interlocked.Read(ref Debt) is > 0 and var owed && Transform!.GetStatistics()?.CurrentAvailablePermits is > 0 and var available)
            {
                var paying = (int)Math.Min(owed, available);
                using var lease = Transform.AttemptAcquire(paying);
                if (!lease.IsAcquired)
                {
                    return;
                }

                Interlocked.Add(ref Debt, -paying);
            }
        }

        /// <summary>
        /// A bucket of <paramref name="perSecond"/> tokens a second holding <paramref name="burstSeconds"/> of them: whole
        /// tokens each period (100 ms, or longer where that would be less than one token).
        /// </summary>
        private static TokenBucketRateLimiter Bucket(double perSecond, double burstSeconds)
        {
            var perPeriod = Math.Max(1, (int)Math.Round(perSecond * RefillPeriod.TotalSeconds));
            return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = Math.Max(perPeriod, (int)Math.Ceiling(perSecond * burstSeconds)),
                TokensPerPeriod = perPeriod,
                ReplenishmentPeriod = TimeSpan.FromSeconds(perPeriod / perSecond),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        }
    }
}
