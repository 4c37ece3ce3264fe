namespace MediaEdge.Caching;

/// <summary>
/// L2, the tier every node shares: <see cref="RedisTier"/>, or <see cref="NoSharedTier"/> where none is configured.
/// No call throws: a failure reads as a miss, a write that did not happen, or a lock nobody could grant.
/// </summary>
public interface ISharedTier
{
    /// <summary>What the readiness probe reports of this tier: <c>connected</c>, <c>disconnected</c> or <c>not-configured</c>, and the circuit breaker's state where there is one.</summary>
    SharedTierHealth Health { get; }

    /// <summary>Raised when the connection fails: whoever waits for a message should stop waiting.</summary>
    event Action? ConnectionLost;

    /// <summary>Adds each amount to its field of the hash under <paramref name="key"/> (created where missing, kept <paramref name="ttl"/>), in one round trip; false where L2 is not there to take it (the caller keeps the amounts).</summary>
    Task<bool> AddToHashAsync(EntryKey key, IReadOnlyList<KeyValuePair<string, long>> amounts, TimeSpan ttl);

    /// <summary>Every field of the hash under each of <paramref name="keys"/> (empty where none), in one round trip; null where L2 could not be read.</summary>
    Task<IReadOnlyList<IReadOnlyDictionary<string, long>>?> GetHashesAsync(IReadOnlyList<EntryKey> keys);

    /// <summary>The entry's header and body as <see cref="SetAsync{THeader}"/> wrote them; null for a miss, a failure, or a value in another layout.</summary>
    Task<(THeader Header, ReadOnlyMemory<byte> Body)?> GetAsync<THeader>(EntryKey key)
        where THeader : class;

    /// <returns>False where the value was too large to store or the tier failed.</returns>
    Task<bool> SetAsync<THeader>(EntryKey key, THeader header, ReadOnlyMemory<byte> body, TimeSpan ttl)
        where THeader : class;

    /// <returns>False where the key was absent or the tier failed.</returns>
    Task<bool> RemoveAsync(EntryKey key);

    /// <returns>The counter (0 where absent), or null where the tier could not say.</returns>
    Task<long?> GetLongAsync(EntryKey key);

    /// <returns>The counter after the increment, or null where the tier could not count.</returns>
    Task<long?> IncrementAsync(EntryKey key, TimeSpan ttl);

    /// <returns>Taken, Busy (another node holds it), or Unavailable (the tier failed: compute locally).</returns>
    Task<LockResult> TryLockAsync(EntryKey key, string token, TimeSpan expiry);

    /// <returns>False where this token did not hold the lock or the tier failed.</returns>
    Task<bool> ReleaseLockAsync(EntryKey key, string token);

    /// <summary>Sends <paramref name="message"/> to every node subscribed to <paramref name="channel"/> (a <see cref="CacheNamespace"/> channel), this one included.</summary>
    Task PublishAsync(string channel, string message);

    /// <summary>Calls <paramref name="handler"/> for each message on <paramref name="channel"/>, from now on and again after reconnections.</summary>
    void Subscribe(string channel, Action<string> handler);
}
