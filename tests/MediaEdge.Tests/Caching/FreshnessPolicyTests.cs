using MediaEdge.Caching;
using Microsoft.Extensions.Time.Testing;

namespace MediaEdge.Tests.Caching;

/// <summary>Windows are half-open, [start, end): fresh for 60 s, then 30 s of stale-while-revalidate, and stale-if-error up to 300 s past freshness.</summary>
public sealed class FreshnessPolicyTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);
    private readonly FakeTimeProvider _clock = new();
    private readonly FreshnessPolicy _sut = new(new CacheOptions { FreshSeconds = 60, StaleWhileRevalidateSeconds = 30, StaleIfErrorSeconds = 300 });

    [Theory]
    [InlineData(0, Freshness.Fresh)]
    [InlineData(59.999, Freshness.Fresh)]
    [InlineData(60, Freshness.StaleWhileRevalidate)]
    [InlineData(89.999, Freshness.StaleWhileRevalidate)]
    [InlineData(90, Freshness.MustRevalidate)]
    [InlineData(100_000, Freshness.MustRevalidate)]
    public void Classify_ByAge(double ageSeconds, Freshness expected)
    {
        var validated = _clock.GetUtcNow();
        _clock.Advance(TimeSpan.FromSeconds(ageSeconds));

        Assert.Equal(expected, _sut.Classify(validated, _clock.GetUtcNow()));
    }

    [Fact]
    public void Classify_OneTickEitherSideOfEachEdge()
    {
        var validated = _clock.GetUtcNow();

        Assert.Equal(Freshness.Fresh, _sut.Classify(validated, validated + TimeSpan.FromSeconds(60) - Tick));
        Assert.Equal(Freshness.StaleWhileRevalidate, _sut.Classify(validated, validated + TimeSpan.FromSeconds(60)));
        Assert.Equal(Freshness.StaleWhileRevalidate, _sut.Classify(validated, validated + TimeSpan.FromSeconds(90) - Tick));
        Assert.Equal(Freshness.MustRevalidate, _sut.Classify(validated, validated + TimeSpan.FromSeconds(90)));
    }

    [Fact]
    public void MayServeOnError_UpToStaleIfErrorPastFreshness()
    {
        var validated = _clock.GetUtcNow();

        Assert.True(_sut.MayServeOnError(validated, validated));
        Assert.True(_sut.MayServeOnError(validated, validated + TimeSpan.FromSeconds(90)));
        Assert.True(_sut.MayServeOnError(validated, validated + TimeSpan.FromSeconds(360) - Tick));
        Assert.False(_sut.MayServeOnError(validated, validated + TimeSpan.FromSeconds(360)));
    }

    [Fact]
    public void NoStaleWindows_FreshThenMustRevalidate_AndNothingOnError()
    {
        var sut = new FreshnessPolicy(new CacheOptions { FreshSeconds = 60, StaleWhileRevalidateSeconds = 0, StaleIfErrorSeconds = 0 });
        var validated = _clock.GetUtcNow();

        Assert.Equal(Freshness.Fresh, sut.Classify(validated, validated + TimeSpan.FromSeconds(60) - Tick));
        Assert.Equal(Freshness.MustRevalidate, sut.Classify(validated, validated + TimeSpan.FromSeconds(60)));
        Assert.False(sut.MayServeOnError(validated, validated + TimeSpan.FromSeconds(60)));
    }

    [Theory]
    [InlineData(30, 300, 360)]
    [InlineData(3600, 300, 3660)]
    [InlineData(0, 0, 60)]
    public void Retention_IsFreshnessPlusTheLongerStaleWindow(int swr, int sie, int expectedSeconds)
    {
        var sut = new FreshnessPolicy(new CacheOptions { FreshSeconds = 60, StaleWhileRevalidateSeconds = swr, StaleIfErrorSeconds = sie });

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), sut.Retention);
    }

    [Fact]
    public void LargestWindows_DoNotOverflow()
    {
        var sut = new FreshnessPolicy(new CacheOptions { FreshSeconds = int.MaxValue, StaleWhileRevalidateSeconds = int.MaxValue, StaleIfErrorSeconds = int.MaxValue });
        var validated = _clock.GetUtcNow();
        var later = validated + TimeSpan.FromSeconds(int.MaxValue);

        Assert.Equal(Freshness.StaleWhileRevalidate, sut.Classify(validated, later));
        Assert.True(sut.MayServeOnError(validated, later));
        Assert.Equal(TimeSpan.FromSeconds(2L * int.MaxValue), sut.Retention);
    }

    [Fact]
    public void CacheControl_StatesTheMaxAgeAndTheConfiguredStaleWindows()
    {
        Assert.Equal("public, max-age=42, stale-while-revalidate=30, stale-if-error=300", _sut.CacheControl(42));
        Assert.Equal("public, max-age=0, stale-while-revalidate=30, stale-if-error=300", _sut.CacheControl(_sut.MaxAgeSeconds(_clock.GetUtcNow(), _clock.GetUtcNow(), stale: true)));
        Assert.Equal("public, max-age=60, stale-while-revalidate=30, stale-if-error=300", _sut.FreshCacheControl);
    }
}
