using MediaEdge.Caching;
using MediaEdge.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace MediaEdge.Tests.Caching;

/// <summary>A node without Redis keeps purge versions by itself.</summary>
public sealed class SourceVersionsTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new();
    private readonly TestMeterFactory _meters = new();
    private readonly SourceVersions _sut;

    public SourceVersionsTests()
    {
        var cache = new CacheOptions { Redis = new RedisOptions { VersionCheckSeconds = 10 } };
        _sut = new SourceVersions(new NoSharedTier(), cache.Redis, new FreshnessPolicy(cache), _clock, new MediaEdgeMetrics(_meters));
    }

    [Fact]
    public async Task PurgeAsync_WithoutRedis_CountsVersionsUp_AndEvictsTheOldOnesEntries()
    {
        var before = await _sut.GetAsync("id");

        var first = await _sut.PurgeAsync("id");
        var second = await _sut.PurgeAsync("id");
        var after = await _sut.GetAsync("id");

        Assert.Equal((0L, 1L, 2L, 2L), (before.Version, first, second, after.Version));
        Assert.True(before.Eviction.HasChanged);
        Assert.False(after.Eviction.HasChanged);
    }

    [Fact]
    public async Task GetAsync_WithoutRedis_PastTheRecheck_KeepsTheVersionAndItsEntries()
    {
        await _sut.PurgeAsync("id");
        var held = await _sut.GetAsync("id");

        _clock.Advance(TimeSpan.FromSeconds(11));
        var later = await _sut.GetAsync("id");

        Assert.Equal(1L, later.Version);
        Assert.Same(held.Eviction, later.Eviction);
        Assert.False(later.Eviction.HasChanged);
    }

    [Fact]
    public async Task PurgeAsync_OfOneObject_LeavesAnotherAlone()
    {
        var other = await _sut.GetAsync("other");

        await _sut.PurgeAsync("id");

        Assert.Equal(0L, (await _sut.GetAsync("other")).Version);
        Assert.False(other.Eviction.HasChanged);
    }

    public void Dispose() => _meters.Dispose();
}
