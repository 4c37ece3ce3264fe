using MediaEdge.Diagnostics;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace MediaEdge.Caching;

/// <summary>
/// L2: Redis (a server or a cluster) through StackExchange.Redis. Every call is short, guarded by a circuit breaker,
/// and never throws: a failure reads as a miss, so Redis trouble never becomes user trouble.
/// The connection is made in the background and remade by the client after any outage.
/// </summary>
public sealed partial class RedisTier : IAsyncDisposable
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

    /// <summary>Raised when a connection to Redis fails: whoever waits for a message from it should stop waiting.</summary>
    public event Action? ConnectionLost;

    public RedisOptions Options => _options;

    public BreakerState BreakerState => _breaker.State;

    /// <summary>True while the client has a live connection.</summary>
    public bool IsConnected => _connecting.IsCompletedSuccessfully && _connecting.Result is { IsConnected: true };

    public string Key(string hashTag, string suffix) => $"{_options.KeyPrefix}:{{{hashTag}}}:{suffix}";

    public string Channel(string name) => $"{_options.KeyPrefix}:{name}";

    public Task<byte[]?> GetAsync(string key) =>
        CallAsync<byte[]?>(async db =>
        {
            var value = await db.StringGetAsync(key).ConfigureAwait(false);
            if (value.HasValue)
            {
                byte[] bytes = value!;
                _metrics.L2Bytes("read", bytes.Length);
                return bytes;
            }

            return null;
        }, null);

    /// <returns>False where the value was too large to store or Redis failed.</returns>
    public async Task<bool> SetAsync(string key, byte[] value, TimeSpan ttl)
    {
        if (value.Length > _options.MaxValueBytes)
        {
            return false;
        }

        var stored = await CallAsync(db => db.StringSetAsync(key, value, ttl), false).ConfigureAwait(false);
        if (stored)
        {
            _metrics.L2Bytes("written", value.Length);
        }

        return stored;
    }

    /// <returns>False where the key was absent or Redis failed.</returns>
    public Task<bool> RemoveAsync(string key) => CallAsync(db => db.KeyDeleteAsync(key), false);

    public Task<long?> GetLongAsync(string key) =>
        CallAsync<long?>(async db =>
        {
            var value = await db.StringGetAsync(key).ConfigureAwait(false);
            return value.HasValue && long.TryParse(value.ToString(), out var n) ? n : 0L;
        }, null);

    public Task<long?> IncrementAsync(string key, TimeSpan ttl) =>
        CallAsync<long?>(async db =>
        {
            var value = await db.StringIncrementAsync(key).ConfigureAwait(false);
            await db.KeyExpireAsync(key, ttl).ConfigureAwait(false);
            return value;
        }, null);

    /// <returns>Taken, Busy (another node holds it), or Unavailable (Redis failed: compute locally).</returns>
    public Task<LockResult> TryLockAsync(string key, string token, TimeSpan expiry) =>
        CallAsync(async db => await db.LockTakeAsync(key, token, expiry).ConfigureAwait(false) ? LockResult.Taken : LockResult.Busy, LockResult.Unavailable);

    public Task<bool> ReleaseLockAsync(string key, string token) =>
        CallAsync(db => db.LockReleaseAsync(key, token), false);

    public async Task PublishAsync(string channel, string message)
    {
        var mux = await MultiplexerAsync().ConfigureAwait(false);
        if (mux is null || !_breaker.TryEnter())
        {
            return;
        }

        try
        {
            await mux.GetSubscriber().PublishAsync(RedisChannel.Literal(channel), message).WaitAsync(_timeout).ConfigureAwait(false);
            _breaker.Success();
        }
        catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException)
        {
            Failed(e);
        }
    }

    /// <summary>Calls <paramref name="handler"/> for each message on the channel, from now on and again after reconnections.</summary>
    public void Subscribe(string channel, Action<string> handler)
    {
        lock (_subscribeGate)
        {
            _handlers[channel] = handler;
        }

        _ = EnsureSubscribedAsync();
    }

    public async ValueTask DisposeAsync()
    {
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
