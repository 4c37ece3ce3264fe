using System.Collections.Concurrent;
using MediaEdge.Caching.Disk;
using MediaEdge.Diagnostics;
using Microsoft.Extensions.Primitives;

namespace MediaEdge.Caching;

/// <summary>
/// Variants through the tiers: L1 (this process) → disk (this node) → L2 (Redis) → computed once per node (single flight)
/// and once per cluster (a Redis lock; waiters are woken by a pub/sub message when the result lands in L2, and read it
/// from there). A result too large for L2 (over Cache:Redis:MaxValueBytes, with or without Redis) goes to the disk tier
/// instead, and reaches the waiting nodes through a <see cref="LargeEntryHandoff"/>; the disk holds only such results.
/// A lock holder that dies costs the others at most the lock's expiry; with Redis failing, each node computes alone.
/// </summary>
public sealed class TieredCache
{
    private const int Rounds = 3;

    // More than any header's JSON takes: a body this far within the limit fits without measuring its header.
    private const int HeaderAllowance = 1024;
    private readonly MemoryTier _memory;
    private readonly ISharedTier _shared;
    private readonly DiskTier _disk;
    private readonly LargeEntryHandoff _handoff;
    private readonly int _maxValueBytes;
    private readonly MediaEdgeMetrics _metrics;
    private readonly TimeSpan _lockExpiry;
    private readonly SingleFlight<(CachedImage Image, string Tier)> _flights = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiters = new(StringComparer.Ordinal);
    private readonly string _node = Guid.NewGuid().ToString("N");

    /// <summary>Subscribes to the shared tier's announcements of finished computations.</summary>
    /// <param name="maxValueBytes">Cache:Redis:MaxValueBytes: the largest value L2 stores; larger results go to <paramref name="disk"/>.</param>
    public TieredCache(MemoryTier memory, ISharedTier shared, DiskTier disk, int maxValueBytes, TimeSpan lockExpiry, MediaEdgeMetrics metrics)
    {
        _memory = memory;
        _shared = shared;
        _disk = disk;
        _maxValueBytes = maxValueBytes;
        _handoff = new LargeEntryHandoff(shared, maxValueBytes, 2 * lockExpiry);
        _metrics = metrics;
        _lockExpiry = lockExpiry;
        _shared.Subscribe(CacheNamespace.DoneChannel, Wake);

        // A result announced on a lost connection never arrives: waiters look again, and compute alone if Redis is gone.
        _shared.ConnectionLost += WakeAll;
    }

    /// <summary>Compute-once nodes waiting for others, for tests and metrics.</summary>
    public int Waiting => _waiters.Count;

    /// <param name="hash">The variant's cache key (a hex hash).</param>
    /// <param name="eviction">Fires when the source is purged on this node.</param>
    /// <returns>The variant, and the tier that answered: hit-l1, hit-disk, hit-l2 (a value or a handoff) or miss.</returns>
    /// <param name="cancellationToken">The caller's; the computation stops only when every caller waiting on it has gone.</param>
    public async Task<(CachedImage Image, string Tier)> GetOrComputeAsync(string hash, Func<CancellationToken, Task<CachedImage>> compute, IChangeToken eviction, TimeSpan retention, CancellationToken cancellationToken = default)
    {
        if (Local(hash) is { } hit)
        {
            return (hit, "hit-l1");
        }

        using var span = MediaEdgeTracing.Source.StartActivity("cache");
        var (result, _) = await _flights.RunAsync(hash, async ct =>
        {
            // A flight that ended between our L1 miss and joining has left its result in L1.
            if (_memory.TryGet<CachedImage>(CacheNamespace.Variant(hash), out var landed) && landed is not null)
            {
                return (landed, "hit-l1");
            }

            if (await _disk.GetAsync(hash).ConfigureAwait(false) is { } onDisk)
            {
                return (Remember(hash, onDisk, eviction, retention), "hit-disk");
            }

            // L2 alone here: a handoff exists only while its computation is announced, and the lock round below reads it
            // (a late arrival takes the free lock and finds it), so a cold miss does not pay a second Redis read for it.
            var stored = await ReadL2Async(hash, eviction, retention).ConfigureAwait(false);
            return stored is not null ? (stored, "hit-l2") : await ComputeOnceInClusterAsync(hash, () => compute(ct), eviction, retention).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        span?.SetTag("mediaedge.cache.tier", result.Tier);
        _metrics.CacheLookup(result.Tier);
        return result;
    }

    /// <summary>The variant under <paramref name="hash"/> if this node holds it in L1 (counted as an L1 hit), else null: nothing is asked of Redis or computed.</summary>
    public CachedImage? Local(string hash)
    {
        if (_memory.TryGet<CachedImage>(CacheNamespace.Variant(hash), out var hit) && hit is not null)
        {
            _metrics.CacheLookup("hit-l1");
            return hit;
        }

        return null;
    }

    private async Task<(CachedImage, string)> ComputeOnceInClusterAsync(string hash, Func<Task<CachedImage>> compute, IChangeToken eviction, TimeSpan retention)
    {
        var lockKey = CacheNamespace.ComputeLock(hash);
        for (var round = 0; round < Rounds; round++)
        {
            // Registered before the lock attempt, so a result that lands in between still wakes us.
            var signal = _waiters.GetOrAdd(hash, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            var attempt = await _shared.TryLockAsync(lockKey, _node, _lockExpiry).ConfigureAwait(false);
            if (attempt == LockResult.Unavailable)
            {
                break;
            }

            if (attempt == LockResult.Taken)
            {
                try
                {
                    var landed = await ReadSharedAsync(hash, eviction, retention).ConfigureAwait(false);
                    if (landed is not null)
                    {
                        return (landed, "hit-l2");
                    }

                    var computed = await compute().ConfigureAwait(false);
                    await StoreAsync(hash, computed, eviction, retention).ConfigureAwait(false);
                    return (computed, "miss");
                }
                finally
                {
                    await _shared.ReleaseLockAsync(lockKey, _node).ConfigureAwait(false);

                    // Success or failure, waiters wake: they find the result in L2, or take the lock and learn the failure themselves.
                    await _shared.PublishAsync(CacheNamespace.DoneChannel, hash).ConfigureAwait(false);
                }
            }

            var ready = await ReadSharedAsync(hash, eviction, retention).ConfigureAwait(false);
            if (ready is not null)
            {
                return (ready, "hit-l2");
            }

            try
            {
                await signal.Task.WaitAsync(_lockExpiry).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // The holder died or is slow: its lock has expired by now, so the next round may take it.
            }

            ready = await ReadSharedAsync(hash, eviction, retention).ConfigureAwait(false);
            if (ready is not null)
            {
                return (ready, "hit-l2");
            }
        }

        var local = await compute().ConfigureAwait(false);
        await StoreAsync(hash, local, eviction, retention).ConfigureAwait(false);
        return (local, "miss");
    }

    private void Wake(string hash)
    {
        if (_waiters.TryRemove(hash, out var signal))
        {
            signal.TrySetResult();
        }
    }

    private void WakeAll()
    {
        foreach (var hash in _waiters.Keys)
        {
            Wake(hash);
        }
    }

    /// <summary>The variant from L2, or handed off there by the node that computed it (then kept on this node's disk too).</summary>
    private async Task<CachedImage?> ReadSharedAsync(string hash, IChangeToken eviction, TimeSpan retention)
    {
        if (await ReadL2Async(hash, eviction, retention).ConfigureAwait(false) is { } stored)
        {
            return stored;
        }

        if (await _handoff.TakeAsync(hash).ConfigureAwait(false) is not { } handed)
        {
            return null;
        }

        await KeepLargeAsync(hash, handed, eviction, retention).ConfigureAwait(false);
        return handed;
    }

    private async Task<CachedImage?> ReadL2Async(string hash, IChangeToken eviction, TimeSpan retention)
    {
        if (await _shared.GetAsync<ImageHeader>(CacheNamespace.Variant(hash)).ConfigureAwait(false) is not { } stored)
        {
            return null;
        }

        var (header, body) = stored;
        var image = new CachedImage(body, header.ContentType, header.ETag, header.Created, header.Width, header.Height);
        return Remember(hash, image, eviction, retention);
    }

    private CachedImage Remember(string hash, CachedImage image, IChangeToken eviction, TimeSpan retention)
    {
        // Where the disk tier is on, a result too large for L2 stays out of L1: one such entry (8 MiB and up) would push out
        // hundreds of typical variants of tens of KB, each a Redis read or a transform to get back, while a disk hit on it is
        // one sequential read, mostly from the page cache (whole, for a range request too: the price of this choice).
        if (!_disk.Enabled || FitsL2(image))
        {
            _memory.Set(CacheNamespace.Variant(hash), image, image.Bytes.Length, retention, eviction);
        }

        return image;
    }

    /// <summary>A computed result into L1 and L2 where it fits; else onto this node's disk, and handed off through L2 to the nodes waiting for it.</summary>
    private async Task StoreAsync(string hash, CachedImage image, IChangeToken eviction, TimeSpan retention)
    {
        if (FitsL2(image))
        {
            Remember(hash, image, eviction, retention);
            await _shared.SetAsync(CacheNamespace.Variant(hash), HeaderOf(image), image.Bytes, retention).ConfigureAwait(false);
            return;
        }

        await Task.WhenAll(KeepLargeAsync(hash, image, eviction, retention), _handoff.OfferAsync(hash, image)).ConfigureAwait(false);
    }

    /// <summary>A result too large for L2 onto this node's disk; into L1 where the disk is off or would not take it (full of itself, failing), so it is not computed again at once.</summary>
    private async Task KeepLargeAsync(string hash, CachedImage image, IChangeToken eviction, TimeSpan retention)
    {
        if (!await _disk.SetAsync(hash, image, retention).ConfigureAwait(false))
        {
            _memory.Set(CacheNamespace.Variant(hash), image, image.Bytes.Length, retention, eviction);
        }
    }

    /// <summary>Whether the entry, header included, is within Cache:Redis:MaxValueBytes, the same measure <see cref="RedisTier"/> refuses by.</summary>
    private bool FitsL2(CachedImage image) =>
        image.Bytes.Length <= _maxValueBytes - HeaderAllowance
        || (image.Bytes.Length <= _maxValueBytes && EntryCodec.EncodeHead(HeaderOf(image), image.Bytes.Length).Length + image.Bytes.Length <= _maxValueBytes);

    private static ImageHeader HeaderOf(CachedImage image) => new(image.ContentType, image.ETag, image.Created, image.Width, image.Height);

    private sealed record ImageHeader(string ContentType, string ETag, DateTimeOffset Created, int Width, int Height);
}
