using MediaEdge.Caching;
using MediaEdge.Origins;

namespace MediaEdge.Tests.Caching;

public sealed class SharedCachePolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly SharedCachePolicy _sut = new(new CacheOptions { FreshSeconds = 600, StaleWhileRevalidateSeconds = 30, StaleIfErrorSeconds = 3600 });

    [Fact]
    public void FreshnessLifetime_SMaxAge_WinsOverMaxAge_EitherWay()
    {
        Assert.Equal(TimeSpan.FromSeconds(10), _sut.FreshnessLifetime(Info("max-age=100, s-maxage=10")));
        Assert.Equal(TimeSpan.FromSeconds(100), _sut.FreshnessLifetime(Info("s-maxage=100, max-age=10")));
    }

    [Fact]
    public void FreshnessLifetime_MaxAge_WinsOverExpires()
    {
        var sut = _sut.FreshnessLifetime(Info("max-age=20", expires: Now.AddSeconds(500), date: Now));

        Assert.Equal(TimeSpan.FromSeconds(20), sut);
    }

    [Fact]
    public void FreshnessLifetime_ExpiresMinusDate_WithoutMaxAge()
    {
        Assert.Equal(TimeSpan.FromSeconds(300), _sut.FreshnessLifetime(Info("public", expires: Now.AddSeconds(300), date: Now)));
        Assert.Equal(TimeSpan.FromSeconds(300), _sut.FreshnessLifetime(Info(null, expires: Now.AddSeconds(300), date: Now, lastModified: Now.AddDays(-100))));
    }

    [Fact]
    public void FreshnessLifetime_ExpiresInThePast_IsZero()
    {
        Assert.Equal(TimeSpan.Zero, _sut.FreshnessLifetime(Info(null, expires: Now.AddSeconds(-1), date: Now)));
    }

    [Fact]
    public void FreshnessLifetime_Heuristic_IsTenPercentOfDateMinusLastModified()
    {
        var sut = _sut.FreshnessLifetime(Info(null, date: Now, lastModified: Now.AddSeconds(-1000)));

        Assert.Equal(TimeSpan.FromSeconds(100), sut);
    }

    [Fact]
    public void FreshnessLifetime_Heuristic_IsCappedAtTheConfiguredFreshness()
    {
        var sut = _sut.FreshnessLifetime(Info(null, date: Now, lastModified: Now.AddDays(-30)));

        Assert.Equal(TimeSpan.FromSeconds(600), sut);
    }

    [Fact]
    public void FreshnessLifetime_NothingSaid_IsTheConfiguredFreshness()
    {
        Assert.Equal(TimeSpan.FromSeconds(600), _sut.FreshnessLifetime(Info(null)));
        Assert.Equal(TimeSpan.FromSeconds(600), _sut.FreshnessLifetime(Info("public", lastModified: Now.AddDays(-1))));
        Assert.Equal(TimeSpan.FromSeconds(600), _sut.FreshnessLifetime(Info(null, date: Now, lastModified: Now.AddSeconds(5))));
    }

    [Fact]
    public void CurrentAge_IsResidentTimePlusTheOlderOfAgeAndApparentAge()
    {
        var storedAt = Now;

        Assert.Equal(TimeSpan.FromSeconds(7), SharedCachePolicy.CurrentAge(Info(null), storedAt, storedAt.AddSeconds(7)));
        Assert.Equal(TimeSpan.FromSeconds(17), SharedCachePolicy.CurrentAge(Info(null, age: TimeSpan.FromSeconds(10)), storedAt, storedAt.AddSeconds(7)));
        Assert.Equal(TimeSpan.FromSeconds(12), SharedCachePolicy.CurrentAge(Info(null, date: storedAt.AddSeconds(-5)), storedAt, storedAt.AddSeconds(7)));
        Assert.Equal(TimeSpan.FromSeconds(17), SharedCachePolicy.CurrentAge(Info(null, date: storedAt.AddSeconds(-5), age: TimeSpan.FromSeconds(10)), storedAt, storedAt.AddSeconds(7)));
        Assert.Equal(TimeSpan.FromSeconds(47), SharedCachePolicy.CurrentAge(Info(null, date: storedAt.AddSeconds(-40), age: TimeSpan.FromSeconds(10)), storedAt, storedAt.AddSeconds(7)));
    }

    [Fact]
    public void CurrentAge_ClockSkew_NeverMakesItNegative()
    {
        var storedAt = Now;

        Assert.Equal(TimeSpan.Zero, SharedCachePolicy.CurrentAge(Info(null, date: storedAt.AddMinutes(5)), storedAt, storedAt));
        Assert.Equal(TimeSpan.Zero, SharedCachePolicy.CurrentAge(Info(null), storedAt, storedAt.AddSeconds(-3)));
    }

    [Theory]
    [InlineData("max-age=60, must-revalidate, stale-while-revalidate=30, stale-if-error=300")]
    [InlineData("max-age=60, proxy-revalidate, stale-while-revalidate=30, stale-if-error=300")]
    [InlineData("s-maxage=60, stale-while-revalidate=30, stale-if-error=300")]
    [InlineData("no-cache, stale-while-revalidate=30, stale-if-error=300")]
    public void StaleWindows_AreZero_UnderMustRevalidateOrNoCache(string cacheControl)
    {
        var info = Info(cacheControl);

        Assert.Equal(TimeSpan.Zero, _sut.StaleWhileRevalidate(info));
        Assert.Equal(TimeSpan.Zero, _sut.StaleIfError(info));
    }

    [Fact]
    public void StaleWindows_AreTheOrigins_WhenItSentCacheControl()
    {
        var said = Info("max-age=60, stale-while-revalidate=30, stale-if-error=300");
        var silent = Info("max-age=60");

        Assert.Equal((TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(300)), (_sut.StaleWhileRevalidate(said), _sut.StaleIfError(said)));
        Assert.Equal((TimeSpan.Zero, TimeSpan.Zero), (_sut.StaleWhileRevalidate(silent), _sut.StaleIfError(silent)));
    }

    [Fact]
    public void StaleWindows_AreTheConfiguredOnes_WithoutCacheControl()
    {
        var info = Info(null);

        Assert.Equal((TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(3600)), (_sut.StaleWhileRevalidate(info), _sut.StaleIfError(info)));
    }

    [Theory]
    [InlineData("no-cache", true)]
    [InlineData("no-cache, max-age=600", true)]
    [InlineData("max-age=0", false)]
    [InlineData(null, false)]
    public void AlwaysRevalidate_OnlyUnderNoCache(string? cacheControl, bool always)
    {
        Assert.Equal(always, SharedCachePolicy.AlwaysRevalidate(Info(cacheControl)));
    }

    [Theory]
    [InlineData("no-store, max-age=60", null, false, "no-store")]
    [InlineData("private, max-age=60", null, false, "private")]
    [InlineData("max-age=60", null, true, "authorization")]
    [InlineData(null, null, true, "authorization")]
    [InlineData("public, max-age=60", null, true, null)]
    [InlineData("s-maxage=60", null, true, null)]
    [InlineData("max-age=60, must-revalidate", null, true, null)]
    [InlineData("max-age=60", null, false, null)]
    [InlineData(null, null, false, null)]
    [InlineData("max-age=60", "Accept", false, null)]
    [InlineData("max-age=60", "accept, Accept-Language", false, null)]
    [InlineData("max-age=60", "*", false, "vary:*")]
    [InlineData("max-age=60", "Accept, Cookie", false, "vary:Cookie")]
    public void Unstorable_FollowsRfc9111(string? cacheControl, string? vary, bool authorization, string? reason)
    {
        var headers = new OriginCacheHeaders(cacheControl, null, null, null, vary);

        Assert.Equal(reason, SharedCachePolicy.Unstorable(headers, authorization));
    }

    [Fact]
    public void VaryNames_AreTrimmedAndSplit()
    {
        Assert.Equal(new[] { "Accept", "Accept-Language" }, SharedCachePolicy.VaryNames(" Accept ,Accept-Language,"));
        Assert.Empty(SharedCachePolicy.VaryNames(null));
    }

    private static OriginObjectInfo Info(string? cacheControl, DateTimeOffset? expires = null, DateTimeOffset? date = null, TimeSpan? age = null, DateTimeOffset? lastModified = null) =>
        new("\"v1\"", 100, lastModified, "image/jpeg") { CacheHeaders = new OriginCacheHeaders(cacheControl, expires, date, age, null) };
}
