using MediaEdge.Caching;

namespace MediaEdge.Tests.Caching;

public sealed class NoSharedTierTests
{
    private static readonly EntryKey Key = CacheNamespace.Variant("abc");
    private readonly NoSharedTier _sut = new();

    [Fact]
    public async Task GetAsync_AfterSetAsync_Misses()
    {
        var stored = await _sut.SetAsync(Key, new[] { "accept" }, new byte[] { 1, 2, 3 }, TimeSpan.FromMinutes(1));

        Assert.False(stored);
        Assert.Null(await _sut.GetAsync<string[]>(Key));
    }

    [Fact]
    public async Task Counters_AreLeftToTheNode()
    {
        var key = CacheNamespace.PurgeVersion("id");

        Assert.Null(await _sut.IncrementAsync(key, TimeSpan.FromMinutes(1)));
        Assert.Null(await _sut.GetLongAsync(key));
    }

    [Fact]
    public async Task TryLockAsync_IsAlwaysGranted_EvenTwice()
    {
        var lockKey = CacheNamespace.ComputeLock("abc");

        Assert.Equal(LockResult.Taken, await _sut.TryLockAsync(lockKey, "a", TimeSpan.FromSeconds(5)));
        Assert.Equal(LockResult.Taken, await _sut.TryLockAsync(lockKey, "b", TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task PublishAsync_ReachesThisNodesSubscriber_OnThatChannelOnly()
    {
        var done = new List<string>();
        var purged = new List<string>();
        _sut.Subscribe(CacheNamespace.DoneChannel, done.Add);
        _sut.Subscribe(CacheNamespace.PurgeChannel, purged.Add);

        await _sut.PublishAsync(CacheNamespace.DoneChannel, "abc");

        Assert.Equal(["abc"], done);
        Assert.Empty(purged);
    }
}
