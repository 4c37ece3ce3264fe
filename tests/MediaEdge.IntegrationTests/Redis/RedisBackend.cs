namespace MediaEdge.IntegrationTests.Redis;

/// <summary>A Redis the cache tests run against (one server, or a cluster), started by the tests and killed when they end.</summary>
public abstract class RedisBackend : IAsyncLifetime, IAsyncDisposable
{
    private readonly List<RedisServerProcess> _servers = [];

    public IReadOnlyList<RedisServerProcess> Servers => _servers;

    /// <summary>The StackExchange.Redis configuration string for MediaEdge:Cache:Redis:Configuration.</summary>
    public string Configuration => string.Join(',', _servers.Select(s => s.EndPoint));

    /// <summary>Clients subscribed to a channel, over every server (cluster nodes count only their own subscribers).</summary>
    public async Task<long> SubscribersAsync(string channel)
    {
        long total = 0;
        foreach (var server in _servers)
        {
            var lines = (await RedisCli.RunAsync(server.Port, "PUBSUB", "NUMSUB", channel)).Split('\n');
            if (lines.Length == 2 && long.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                total += count;
            }
        }

        return total;
    }

    public async Task InitializeAsync()
    {
        try
        {
            await StartAsync(_servers);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();

    /// <summary>Starts the servers, adding each to <paramref name="servers"/> as soon as it runs, so it is killed even if a later step fails.</summary>
    protected abstract Task StartAsync(List<RedisServerProcess> servers);
}
