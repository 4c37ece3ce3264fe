using MediaEdge.Caching;
using MediaEdge.Caching.Disk;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace MediaEdge.Tests.Caching.Disk;

/// <summary>The disk tier over a temp folder of its own, on a fake clock: LRU by bytes, expiry, a restart, concurrent writers.</summary>
public sealed class DiskTierTests : IDisposable
{
    private const int BodyBytes = 1000;
    private static readonly TimeSpan Retention = TimeSpan.FromMinutes(10);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mediaedge-disk-test-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Set_PastMaxBytes_DeletesTheLeastRecentlyUsed_AndKeepsTheOneTouched()
    {
        var sut = Open(maxEntries: 3);
        await sut.SetAsync(Hash('a'), Image(1), Retention);
        await sut.SetAsync(Hash('b'), Image(2), Retention);
        await sut.SetAsync(Hash('c'), Image(3), Retention);
        Assert.NotNull(await sut.GetAsync(Hash('a')));

        await sut.SetAsync(Hash('d'), Image(4), Retention);

        Assert.Null(await sut.GetAsync(Hash('b')));
        Assert.Equal(new[] { 1, 3, 4 }, await BodiesAsync(sut, 'a', 'c', 'd'));
        Assert.Equal(3, sut.Count);
        Assert.Equal(EntryFiles().Sum(f => new FileInfo(f).Length), sut.Bytes);
        Assert.DoesNotContain(EntryFiles(), f => f.Contains(Hash('b'), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Get_PastItsRetention_IsAMiss_AndDeletesTheFile()
    {
        var sut = Open(maxEntries: 3);
        await sut.SetAsync(Hash('a'), Image(1), Retention);

        _clock.Advance(Retention - TimeSpan.FromSeconds(1));
        var fresh = await sut.GetAsync(Hash('a'));
        _clock.Advance(TimeSpan.FromSeconds(1));
        var expired = await sut.GetAsync(Hash('a'));

        Assert.NotNull(fresh);
        Assert.Null(expired);
        Assert.Equal((0, 0L), (sut.Count, sut.Bytes));
        Assert.Empty(EntryFiles());
    }

    [Fact]
    public async Task ANewInstanceOverTheFolder_FindsItsEntriesInTheirOrderOfUse_AndDeletesWhatAStoppedWriteLeft()
    {
        var before = Open(maxEntries: 3);
        foreach (var (name, n) in new[] { ('a', 1), ('b', 2), ('c', 3) })
        {
            await before.SetAsync(Hash(name), Image(n), Retention);
            _clock.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.NotNull(await before.GetAsync(Hash('a')));
        _clock.Advance(TimeSpan.FromMinutes(1));
        var halfWritten = Path.Combine(_folder, $"{Hash('e')}.{Guid.NewGuid():N}.tmp");
        await File.WriteAllBytesAsync(halfWritten, new byte[100]);
        var cut = Path.Combine(_folder, Hash('f') + ".entry");
        var whole = await File.ReadAllBytesAsync(Path.Combine(_folder, Hash('c') + ".entry"));
        await File.WriteAllBytesAsync(cut, whole[..^10]);

        var sut = Open(maxEntries: 3);
        var kept = sut.Count;
        await sut.SetAsync(Hash('d'), Image(4), Retention);

        Assert.Equal(3, kept);
        Assert.False(File.Exists(halfWritten), "the half-written temp file was kept");
        Assert.False(File.Exists(cut), "the cut entry was kept");

        // Before the restart a was used after b and c, so b, the least recently used, made room for d.
        Assert.Null(await sut.GetAsync(Hash('b')));
        Assert.Equal(new[] { 1, 3, 4 }, await BodiesAsync(sut, 'a', 'c', 'd'));
    }

    [Fact]
    public async Task ConcurrentWritersAndReadersOfOneHash_LeaveOneWholeEntry_AndReadersSeeWholeOnesOrNone()
    {
        var sut = Open(maxEntries: 3);
        var images = Enumerable.Range(1, 24).Select(Image).ToList();

        var writes = images.Select(image => Task.Run(() => sut.SetAsync(Hash('a'), image, Retention)));
        var reads = Enumerable.Range(0, 48).Select(_ => Task.Run(() => sut.GetAsync(Hash('a')))).ToList();
        var stored = await Task.WhenAll(writes);
        var seen = await Task.WhenAll(reads);
        var last = await sut.GetAsync(Hash('a'));

        Assert.DoesNotContain(false, stored);
        Assert.All(seen.OfType<CachedImage>(), image => Assert.Equal(CacheKey.ETagOf(image.Bytes.Span), image.ETag));
        Assert.NotNull(last);
        Assert.Contains(images, image => image.ETag == last.ETag);
        Assert.Equal(1, sut.Count);
        Assert.Equal(new FileInfo(Assert.Single(EntryFiles())).Length, sut.Bytes);
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>A tier whose MaxBytes holds <paramref name="maxEntries"/> entries of <see cref="BodyBytes"/> and not one more.</summary>
    private DiskTier Open(int maxEntries) =>
        new(new DiskCacheOptions { Path = _folder, MaxBytes = (maxEntries * (BodyBytes + 200L)) + 100 }, _clock, NullLogger<DiskTier>.Instance);

    private string[] EntryFiles() => Directory.GetFiles(_folder, "*.entry");

    private static async Task<int[]> BodiesAsync(DiskTier tier, params char[] names)
    {
        var bodies = new List<int>();
        foreach (var name in names)
        {
            var image = await tier.GetAsync(Hash(name));
            bodies.Add(image is null ? -1 : image.Bytes.Span[0]);
        }

        return [.. bodies];
    }

    private static string Hash(char name) => new(name, 64);

    /// <summary>A body of <see cref="BodyBytes"/> starting with <paramref name="n"/>, with the ETag every output has: its bytes' hash.</summary>
    private static CachedImage Image(int n)
    {
        var bytes = new byte[BodyBytes];
        bytes[0] = (byte)n;
        Random.Shared.NextBytes(bytes.AsSpan(1));
        return new CachedImage(bytes, "video/mp4", CacheKey.ETagOf(bytes), new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), 320, 180);
    }
}
