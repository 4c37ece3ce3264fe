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
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mediaedge-tiered-test-" + Guid.NewGuid().ToString("N")[..12]);

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
        var (sut, disk) = OverADisk(maxBytes: 1 << 20);
        var computed = 0;

        var first = await sut.GetOrComputeAsync("abc", _ => Task.FromResult(Large(++computed)), Never, Retention);
        var second = await sut.GetOrComputeAsync("abc", _ => Task.FromResult(Large(++computed)), Never, Retention);

        Assert.Equal(("miss", "hit-disk", 1), (first.Tier, second.Tier, computed));
        Assert.Equal(first.Image.Bytes.ToArray(), second.Image.Bytes.ToArray());
        Assert.Equal((first.Image.ETag, "video/mp4", 320, 180), (second.Image.ETag, second.Image.ContentType, second.Image.Width, second.Image.Height));
        Assert.Null(sut.Local("abc"));
        Assert.Equal(1, disk.Count);
    }

    [Fact]
    public async Task GetOrComputeAsync_AResultTheDiskRefuses_IsKeptInL1_NotComputedAgain()
    {
        var (sut, disk) = OverADisk(maxBytes: 2048);
        var computed = 0;

        var first = await sut.GetOrComputeAsync("abc", _ => Task.FromResult(Large(++computed)), Never, Retention);
        var second = await sut.GetOrComputeAsync("abc", _ => Task.FromResult(Large(++computed)), Never, Retention);

        Assert.Equal(("miss", "hit-l1", 1), (first.Tier, second.Tier, computed));
        Assert.Equal(0, disk.Count);
    }

    public void Dispose()
    {
        _memory.Dispose();
        _meters.Dispose();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>A cache whose L2 takes 1 KiB at most, over a disk tier of <paramref name="maxBytes"/> in this test's own folder.</summary>
    private (TieredCache Sut, DiskTier Disk) OverADisk(long maxBytes)
    {
        var disk = new DiskTier(new DiskCacheOptions { Path = _folder, MaxBytes = maxBytes }, TimeProvider.System, NullLogger<DiskTier>.Instance);
        return (new TieredCache(_memory, new NoSharedTier(), disk, maxValueBytes: 1024, TimeSpan.FromSeconds(30), new MediaEdgeMetrics(_meters)), disk);
    }

    /// <summary>A 4 KiB clip, over the 1 KiB L2 limit of <see cref="OverADisk"/>, with its bytes' hash as ETag.</summary>
    private static CachedImage Large(int n)
    {
        var bytes = new byte[4096];
        bytes[0] = (byte)n;
        return new CachedImage(bytes, "video/mp4", CacheKey.ETagOf(bytes), DateTimeOffset.UnixEpoch, 320, 180);
    }

    private static CachedImage Image(int n) => new(new byte[] { (byte)n }, "image/webp", $"\"{n}\"", DateTimeOffset.UnixEpoch, 1, 1);
}
