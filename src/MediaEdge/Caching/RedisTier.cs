using MediaEdge.Diagnostics;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace MediaEdge.Caching;

/// <summary>
/// L2: Redis (a server or a cluster) through StackExchange.Redis. Every call is short, guarded by a circuit breaker,
/// and never throws: a failure reads as a miss, so Redis trouble never becomes user trouble.
/// The connection is made in the background and remade by the client after any outage.
/// </summary>
public sealed partial class RedisTier : ISharedTier, IAsyncDisposable
{
    private readonly RedisOptions _options;
    private readonly CircuitBreaker _breaker;
    private readonly MediaEdgeMetrics _metrics;
    private readonly ILogger _logger;
    private readonly TimeSpan _timeout;
    private readonly Dictionary<string, Action<string>> _handlers = new(StringComparer.Ordinal);
    private readonly Lock _subscribeGate = new();
    private readonly HashSet<string> _subscribed = new(StringComparer.Ordinal);
    private readonly Task<ConnectionMultiplexer?> _connecting;
    private int _disposed;

    /// <summary>Starts connecting in the background; calls made before the connection is up read as misses.</summary>
    public RedisTier(RedisOptions options, TimeProvider time, MediaEdgeMetrics metrics, ILogger<RedisTier> logger)
    {
        _options = options;
        _metrics = metrics;
        _logger = logger;
        _timeout = TimeSpan.FromMilliseconds(options.OperationTimeoutMilliseconds);
        _breaker = new CircuitBreaker(options.BreakerFailures, TimeSpan.FromSeconds(options.BreakerSeconds), time);
        _connecting = ConnectAsync();
        metrics.ObserveBreaker(() => (int)_breaker.State);
    }

    /// <inheritdoc/>
    public event Action? ConnectionLost;

    /// <summary>The state of the circuit breaker in front of Redis.</summary>
    public BreakerState BreakerState => _breaker.State;

    /// <summary>True while the client has a live connection.</summary>
    /// <summary>Connected or not, and the breaker's state in lower case.</summary>
    public SharedTierHealth Health => new(IsConnected ? "connected" : "disconnected", BreakerState.ToString().ToLowerInvariant());

    public bool IsConnected => _connecting.IsCompletedSuccessfully && _connecting.Result is { IsConnected: true };

    /// <inheritdoc/>
    public Task<(THeader Header, ReadOnlyMemory<byte> Body)?> GetAsync<THeader>(EntryKey key)
        where THeader : class =>
        CallAsync<(THeader, ReadOnlyMemory<byte>)?>(async db =>
        {
            var value = await db.StringGetAsync(Key(key)).ConfigureAwait(false);
            if (!value.HasValue)
            {
                return null;
            }

            byte[] bytes = value!;
            _metrics.L2Bytes("read", bytes.Length);
            return EntryCodec.TryDecode<THeader>(bytes, out var header, out var body) ? (header!, body) : null;
        }, null);

    /// <inheritdoc/>
    public async Task<bool> SetAsync<THeader>(EntryKey key, THeader header, ReadOnlyMemory<byte> body, TimeSpan ttl)
        where THeader : class
    {
        // A body alone over the limit is refused before it is copied into an entry.
        if (body.Length > _options.MaxValueBytes)
        {
            return false;
        }

        var value = EntryCodec.Encode(header, body.Span);
        if (value.Length > _options.MaxValueBytes)
        {
            return false;
        }

        var stored = await CallAsync(db => db.StringSetAsync(Key(key), value, ttl), false).ConfigureAwait(false);
        if (stored)
        {
            _metrics.L2Bytes("written", value.Length);
        }

        return stored;
    }

    /// <inheritdoc/>
    public Task<bool> RemoveAsync(EntryKey key) => CallAsync(db => db.KeyDeleteAsync(Key(key)), false);

    /// <inheritdoc/>
    public Task<long?> GetLongAsync(EntryKey key) =>
        CallAsync<long?>(async db =>
        {
            var value = await db.StringGetAsync(Key(key)).ConfigureAwait(false);
            return value.HasValue && long.TryParse(value.ToString(), out var n) ? n : 0L;
        }, null);

    /// <inheritdoc/>
    public Task<long?> IncrementAsync(EntryKey key, TimeSpan ttl) =>
        CallAsync<long?>(async db =>
        {
            var name = Key(key);
            var value = await db.StringIncrementAsync(name).ConfigureAwait(false);
            await db.KeyExpireAsync(name, ttl).ConfigureAwait(false);
            return value;
        }, null);

    /// <inheritdoc/>
    public Task<bool> AddToHashAsync(EntryKey key, IReadOnlyList<KeyValuePair<string, long>> amounts, TimeSpan ttl) =>
        CallAsync(async db =>
        {
            var name = Key(key);
            var batch = db.CreateBatch();
            Task[] sent = [.. amounts.Select(amount => (Task)batch.HashIncrementAsync(name, amount.Key, amount.Value)), batch.KeyExpireAsync(name, ttl)];
            batch.Execute();
            await Task.WhenAll(sent).ConfigureAwait(false);
            return true;
        }, false);

    /// <inheritdoc/>
    public Task<IReadOnlyList<IReadOnlyDictionary<string, long>>?> GetHashesAsync(IReadOnlyList<EntryKey> keys) =>
        CallAsync<IReadOnlyList<IReadOnlyDictionary<string, long>>?>(async db =>
        {
            var batch = db.CreateBatch();
            var reads = keys.Select(key => batch.HashGetAllAsync(Key(key))).ToArray();
            batch.Execute();
            var hashes = await Task.WhenAll(reads).ConfigureAwait(false);
            return hashes.Select(IReadOnlyDictionary<string, long> (entries) => entries.ToDictionary(e => e.Name.ToString(), e => (long)e.Value, StringComparer.Ordinal)).ToList();
        }, null);

    /// <inheritdoc/>
    public Task<LockResult> TryLockAsync(EntryKey key, string token, TimeSpan expiry) =>
        CallAsync(async db => await db.LockTakeAsync(Key(key), token, expiry).ConfigureAwait(false) ? LockResult.Taken : LockResult.Busy, LockResult.Unavailable);

    /// <inheritdoc/>
    public Task<bool> ReleaseLockAsync(EntryKey key, string token) =>
        CallAsync(db => db.LockReleaseAsync(Key(key), token), false);

    /// <inheritdoc/>
    public async Task PublishAsync(string channel, string message)
    {
        var mux = await MultiplexerAsync().ConfigureAwait(false);
        if (mux is null || !_breaker.TryEnter())
        {
            return;
        }

        try
        {
            await mux.GetSubscriber().PublishAsync(RedisChannel.Literal(Channel(channel)), message).WaitAsync(_timeout).ConfigureAwait(false);
            _breaker.Success();
        }
        catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException)
        {
            Failed(e);
        }
    }

    /// <inheritdoc/>
    public void Subscribe(string channel, Action<string> handler)
    {
        lock (_subscribeGate)
        {
            _handlers[Channel(channel)] = handler;
        }

        _ = EnsureSubscribedAsync();
    }

    /// <summary>Closes the connection, once however often it is called (the container disposes it as itself and as the shared tier).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        var mux = await _connecting.ConfigureAwait(false);
        if (mux is not null)
        {
            await mux.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<ConnectionMultiplexer?> ConnectAsync()
    {
        try
        {
            var config = ConfigurationOptions.Parse(_options.Configuration);
            config.AbortOnConnectFail = false;
            config.ConnectTimeout = Math.Max(1000, _options.OperationTimeoutMilliseconds * 4);
            config.SyncTimeout = _options.OperationTimeoutMilliseconds;
            config.AsyncTimeout = _options.OperationTimeoutMilliseconds;
            config.ConnectRetry = 1;
            config.KeepAlive = 5;
            config.ReconnectRetryPolicy = new LinearRetry(500);

            // Commands issued while disconnected fail at once instead of queueing until the timeout.
            config.BacklogPolicy = BacklogPolicy.FailFast;
            var mux = await ConnectionMultiplexer.ConnectAsync(config).ConfigureAwait(false);
            mux.ConnectionFailed += (_, e) =>
            {
                Log.ConnectionFailed(_logger, e.EndPoint?.ToString() ?? "?", e.FailureType.ToString());
                ConnectionLost?.Invoke();
            };
            mux.ConnectionRestored += (_, e) =>
            {
                Log.ConnectionRestored(_logger, e.EndPoint?.ToString() ?? "?");
                _ = EnsureSubscribedAsync();
            };
            return mux;
        }
        catch (Exception e)
        {
            Log.ConfigurationFailed(_logger, e);
            return null;
        }
    }

    private string Key(EntryKey key) => key.InRedis(_options.KeyPrefix);

    private string Channel(string name) => $"{_options.KeyPrefix}:{name}";

    private async Task EnsureSubscribedAsync()
    {
        var mux = await _connecting.ConfigureAwait(false);
        if (mux is null)
        {
            return;
        }

        // Each channel is claimed before subscribing, so concurrent calls never subscribe it twice.
        var pending = new List<KeyValuePair<string, Action<string>>>();
        lock (_subscribeGate)
        {
            foreach (var handler in _handlers)
            {
                if (_subscribed.Add(handler.Key))
                {
                    pending.Add(handler);
                }
            }
        }

        foreach (var (channel, handler) in pending)
        {
            try
            {
                await mux.GetSubscriber().SubscribeAsync(RedisChannel.Literal(channel), (_, message) => handler(message.ToString())).ConfigureAwait(false);
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                lock (_subscribeGate)
                {
                    _subscribed.Remove(channel);
                }

                Log.SubscribeFailed(_logger, channel, e.Message);
            }
        }
    }

    private async Task<ConnectionMultiplexer?> MultiplexerAsync()
    {
        // Never wait for the first connection on the request path.
        return _connecting.IsCompleted ? await _connecting.ConfigureAwait(false) : null;
    }

    private async Task<T> CallAsync<T>(Func<IDatabase, Task<T>> call, T fallback)
    {
        var mux = await MultiplexerAsync().ConfigureAwait(false);
        if (mux is null || !_breaker.TryEnter())
        {
            return fallback;
        }

        try
        {
            var result = await call(mux.GetDatabase()).WaitAsync(_timeout).ConfigureAwait(false);
            _breaker.Success();
            return result;
        }
        catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException)
        {
            Failed(e);
            return fallback;
        }
    }

    private void Failed(Exception e)
    {
        _metrics.L2Error();
        if (_breaker.Failure())
        {
            Log.BreakerOpened(_logger, _options.BreakerSeconds, e.Message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Redis circuit breaker opened for {Seconds} s after: {Reason}")]
        public static partial void BreakerOpened(ILogger logger, int seconds, string reason);

        [LoggerMessage(2, LogLevel.Warning, "Redis connection to {Endpoint} failed ({FailureType})")]
        public static partial void ConnectionFailed(ILogger logger, string endpoint, string failureType);

        [LoggerMessage(3, LogLevel.Information, "Redis connection to {Endpoint} restored")]
        public static partial void ConnectionRestored(ILogger logger, string endpoint);

        [LoggerMessage(4, LogLevel.Error, "Redis could not be configured; running on L1 alone")]
        public static partial void ConfigurationFailed(ILogger logger, Exception exception);

        [LoggerMessage(5, LogLevel.Warning, "Subscribing to {Channel} failed: {Reason}")]
        public static partial void SubscribeFailed(ILogger logger, string channel, string reason);
    }
}
