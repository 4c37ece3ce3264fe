using MediaEdge.Caching;
using MediaEdge.Caching.Disk;
using MediaEdge.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.Time.Testing;

namespace MediaEdge.Tests.Caching;

/// <summary>A node without Redis: the tiers behave as L1 in front of the computation, and nothing is left waiting.</summary>
public sealed class TieredCacheTests : IDisposable
{
    private static readonly IChangeToken Never = new CancellationChangeToken(CancellationToken.None);
    private static readonly TimeSpan Retention = TimeSpan.FromMinutes(10);
    private readonly TestMeterFactory _meters = new();
    private readonly MemoryTier _memory = new(new CacheOptions(), new FakeTimeProvider());
    private readonly TieredCache _sut;

    public TieredCacheTests()
    {
        var noDisk = new DiskTier(new DiskCacheOptions { Path = "" }, TimeProvider.System, NullLogger<DiskTier>.Instance);
        _sut = new TieredCache(_memory, new NoSharedTier(), noDisk, new RedisOptions().MaxValueBytes, TimeSpan.FromSeconds(30), new MediaEdgeMetrics(_meters));
    }

    [Fact]
    public async Task GetOrComputeAsync_WithoutRedis_ComputesOnceThenAnswersFromL1_AndLeavesNoWaiter()
    {
        var computed = 0;

        var first = await _sut.GetOrComputeAsync("abc", _ => Task.FromResult(Image(++computed)), Never, Retention);
        var second = await _sut.GetOrComputeAsync("abc", _ => Task.FromResult(Image(++computed)), Never, Retention);

        Assert.Equal(("miss", "hit-l1", 1), (first.Tier, second.Tier, computed));
        Assert.Equal(first.Image.ETag, second.Image.ETag);
        Assert.Equal(0, _sut.Waiting);
    }

    [Fact]
    public async Task GetOrComputeAsync_WithoutRedis_AFailedComputationIsNotRemembered()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => _sut.GetOrComputeAsync("abc", _ => throw new InvalidOperationException("engine"), Never, Retention));

        var retry = await _sut.GetOrComputeAsync("abc", _ => Task.FromResult(Image(2)), Never, Retention);

        Assert.Equal(("miss", "\"2\""), (retry.Tier, retry.Image.ETag));
        Assert.Equal(0, _sut.Waiting);
    }

    [Fact]
    public async Task GetOrComputeAsync_TheSourcesEviction_DropsTheVariantFromL1()
    {
        using var purge = new CancellationTokenSource();
        var computed = 0;
        await _sut.GetOrComputeAsync("abc", _ => Task.FromResult(Image(++computed)), new CancellationChangeToken(purge.Token), Retention);

        await purge.CancelAsync();
        var after = await _sut.GetOrComputeAsync("abc", _ => Task.FromResult(Image(++computed)), Never, Retention);

        Assert.Equal(("miss", 2), (after.Tier, computed));
    }

    [Fact]
    public async Task GetOrComputeAsync_AResultOverTheL2Limit_IsKeptOnDiskAndNotInL1_AndAnsweredFromThere()
    {
        var folder = Path.Combine(Path.GetTempPath(), "mediaedge-tiered-test-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            var disk = new DiskTier(new DiskCacheOptions { Path = folder }, TimeProvider.System, NullLogger<DiskTier>.Instance);
            var sut = new TieredCache(_memory, new NoSharedTier(), disk, maxValueBytes: 1024, TimeSpan.FromSeconds(30), new MediaEdgeMetrics(_meters));
            var computed = 0;
            var large = new byte[4096];
            large[0] = 7;
            Task<CachedImage> Compute(CancellationToken _)
            {
                computed++;
                return Task.FromResult(new CachedImage(large, "video/mp4", CacheKey.ETagOf(large), DateTimeOffset.UnixEpoch, 320, 180));
            }

            var first = await sut.GetOrComputeAsync("abc", Compute, Never, Retention);
            var second = await sut.GetOrComputeAsync("abc", Compute, Never, Retention);

            Assert.Equal(("miss", "hit-disk", 1), (first.Tier, second.Tier, computed));
            Assert.Equal(large, second.Image.Bytes.ToArray());
            Assert.Equal((first.Image.ETag, "video/mp4", 320, 180), (second.Image.ETag, second.Image.ContentType, second.Image.Width, second.Image.Height));
            Assert.Null(sut.Local("abc"));
            Assert.Equal(1, disk.Count);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    public void Dispose()
    {
        _memory.Dispose();
        _meters.Dispose();
    }

    private static CachedImage Image(int n) => new(new byte[] { (byte)n }, "image/webp", $"\"{n}\"", DateTimeOffset.UnixEpoch, 1, 1);
}
