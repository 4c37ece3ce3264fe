using System.Collections.Concurrent;

namespace MediaEdge.Caching;

/// <summary>
/// The shared tier of a node alone (no Redis configured): every read misses, every write is dropped, every lock is
/// granted (single flight already makes this node compute once), and a message reaches this node's own subscribers,
/// as Redis echoes it back, so whoever waits for the end of its own computation or purge is not left waiting.
/// </summary>
public sealed class NoSharedTier : ISharedTier
{
    private readonly ConcurrentDictionary<string, Action<string>> _handlers = new(StringComparer.Ordinal);

    /// <summary>Nothing configured, nothing to break.</summary>
    public SharedTierHealth Health { get; } = new("not-configured", null);

    /// <summary>Never raised: there is no connection to lose.</summary>
    public event Action? ConnectionLost
    {
        add { }
        remove { }
    }

    /// <summary>A miss.</summary>
    public Task<(THeader Header, ReadOnlyMemory<byte> Body)?> GetAsync<THeader>(EntryKey key)
        where THeader : class => Task.FromResult<(THeader, ReadOnlyMemory<byte>)?>(null);

    /// <summary>Stores nothing.</summary>
    public Task<bool> SetAsync<THeader>(EntryKey key, THeader header, ReadOnlyMemory<byte> body, TimeSpan ttl)
        where THeader : class => Task.FromResult(false);

    /// <summary>Nothing to remove.</summary>
    public Task<bool> RemoveAsync(EntryKey key) => Task.FromResult(false);

    /// <summary>Cannot say: the node's own count stands.</summary>
    public Task<long?> GetLongAsync(EntryKey key) => Task.FromResult<long?>(null);

    /// <summary>Cannot count: the node counts for itself.</summary>
    public Task<long?> IncrementAsync(EntryKey key, TimeSpan ttl) => Task.FromResult<long?>(null);

    /// <inheritdoc/>
    public Task<bool> AddToHashAsync(EntryKey key, IReadOnlyList<KeyValuePair<string, long>> amounts, TimeSpan ttl) => Task.FromResult(false);

    /// <inheritdoc/>
    public Task<IReadOnlyList<IReadOnlyDictionary<string, long>>?> GetHashesAsync(IReadOnlyList<EntryKey> keys) => Task.FromResult<IReadOnlyList<IReadOnlyDictionary<string, long>>?>(null);

    /// <summary>Granted: there is no other node to wait for.</summary>
    public Task<LockResult> TryLockAsync(EntryKey key, string token, TimeSpan expiry) => Task.FromResult(LockResult.Taken);

    /// <summary>Released (it was never held anywhere else).</summary>
    public Task<bool> ReleaseLockAsync(EntryKey key, string token) => Task.FromResult(true);

    /// <summary>Delivers the message to this node's handler of the channel, at once.</summary>
    public Task PublishAsync(string channel, string message)
    {
        if (_handlers.TryGetValue(channel, out var handler))
        {
            handler(message);
        }

        return Task.CompletedTask;
    }

    /// <summary>Replaces the channel's handler, as <see cref="RedisTier.Subscribe"/> does.</summary>
    public void Subscribe(string channel, Action<string> handler) => _handlers[channel] = handler;
}
