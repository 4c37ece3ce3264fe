using MediaEdge.Caching;
using MediaEdge.Diagnostics;
using MediaEdge.Origins;
using MediaEdge.Requests;
using MediaEdge.Tenancy;
using MediaEdge.Tenancy.Usage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MediaEdge.Tests.Tenancy;

/// <summary>
/// A source's token buckets: requests past the rate, transform time owed, and the Retry-After each gives. The buckets
/// refill on their own clock (System.Threading.RateLimiting takes no TimeProvider): a test waits, bounded, for a refill.
/// </summary>
public sealed class SourceRateLimitsTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly UsageLedger _ledger;
    private readonly SourceRateLimits _sut;

    public SourceRateLimitsTests()
    {
        var sources = new Dictionary<string, SourceOptions>
        {
            ["requests"] = new() { RateLimit = new SourceRateLimitOptions { RequestsPerSecond = 2, BurstSeconds = 2 } },
            ["transforms"] = new() { RateLimit = new SourceRateLimitOptions { TransformSecondsPerSecond = 0.1, BurstSeconds = 2 } },
            ["free"] = new(),
        };
        _ledger = new UsageLedger(new NoSharedTier(), useShared: false, new UsageOptions(), _time);
        var usage = new UsageMeter(new MediaEdgeMetrics(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()), _ledger, sources.Keys);
        _sut = new SourceRateLimits(sources, usage);
    }

    [Fact]
    public async Task Requests_PastTheBurst_Get429WithRetryAfter_AndAreLetInAgainAsTheBucketRefills()
    {
        for (var i = 0; i < 4; i++)
        {
            _sut.AdmitRequest("requests");
        }

        var refused = Assert.Throws<ProblemException>(() => _sut.AdmitRequest("requests"));
        Assert.Equal(429, refused.Status);
        Assert.Equal(1, refused.RetryAfterSeconds);
        Assert.Equal("Sources:requests:RateLimit:RequestsPerSecond", refused.Extensions["limit"]);

        Assert.NotNull(await RefusalsBeforeAdmittedAsync(() => _sut.AdmitRequest("requests")));
    }

    [Fact]
    public async Task TransformTime_UsedPastTheBucket_IsOwed_AndRefusesTransformsUntilPaid()
    {
        _sut.AdmitTransform("transforms");
        _sut.Charge("transforms", TimeSpan.FromMilliseconds(500));

        var refused = Assert.Throws<ProblemException>(() => _sut.AdmitTransform("transforms"));
        Assert.Equal(429, refused.Status);
        Assert.Equal("Sources:transforms:RateLimit:TransformSecondsPerSecond", refused.Extensions["limit"]);
        Assert.Equal(3, refused.RetryAfterSeconds);

        // 300 ms owed at 100 ms a second: paid after about 3 s.
        var refusals = await RefusalsBeforeAdmittedAsync(() => _sut.AdmitTransform("transforms"));
        Assert.NotNull(refusals);
        var usage = await _ledger.ReadAsync(_time.GetUtcNow().AddHours(-1), _time.GetUtcNow().AddHours(1), ["transforms"]);
        Assert.Equal(1L + refusals!.Value, usage.Single()[UsageField.RateLimited]);
    }

    [Fact]
    public void ASourceWithoutRateLimits_IsNeverRefused()
    {
        for (var i = 0; i < 1000; i++)
        {
            _sut.AdmitRequest("free");
            _sut.AdmitTransform("free");
            _sut.Charge("free", TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>Tries <paramref name="admit"/> until it lets the request in, within <see cref="Patience"/>: the refusals before that, or null where it never did.</summary>
    private static async Task<int?> RefusalsBeforeAdmittedAsync(Action admit)
    {
        var deadline = TimeProvider.System.GetUtcNow() + Patience;
        for (var refusals = 0; TimeProvider.System.GetUtcNow() < deadline; refusals++)
        {
            try
            {
                admit();
                return refusals;
            }
            catch (ProblemException refused) when (refused.Status == 429)
            {
                await Task.Delay(50);
            }
        }

        return null;
    }

    public void Dispose()
    {
        _sut.Dispose();
        _services.Dispose();
    }
}
