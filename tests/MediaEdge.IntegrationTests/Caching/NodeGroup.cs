using System.Diagnostics;
using MediaEdge.IntegrationTests.Redis;
using Microsoft.Extensions.DependencyInjection;

namespace MediaEdge.IntegrationTests.Caching;

/// <summary>
/// Several MediaEdge nodes with separate L1s and one Redis, as behind a load balancer. Each group has its own key prefix,
/// so groups sharing a Redis never see each other's entries, locks or messages.
/// </summary>
public sealed class NodeGroup : IAsyncDisposable
{
    public const string AdminToken = "purge-token-for-tests";
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(15);

    private NodeGroup(RedisBackend redis, string keyPrefix, IReadOnlyList<CacheNode> nodes)
    {
        Redis = redis;
        KeyPrefix = keyPrefix;
        Nodes = nodes;
    }

    public RedisBackend Redis { get; }

    public string KeyPrefix { get; }

    public IReadOnlyList<CacheNode> Nodes { get; }

    public CacheNode this[int index] => Nodes[index];

    public long Transforms => Nodes.Sum(n => n.TransformCount);

    public long OriginReads => Nodes.Sum(n => n.OriginReadCount);

    /// <summary>Redis calls that failed or timed out on any node: where not 0, nodes had to work alone.</summary>
    public long RedisErrors => Nodes.Sum(n => n.Metrics.Total("mediaedge.cache.l2.errors"));

    /// <summary>Starts the nodes and returns once every one is connected to Redis and subscribed to its channels.</summary>
    public static async Task<NodeGroup> StartAsync(RedisBackend redis, int count, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var prefix = "t" + Guid.NewGuid().ToString("N")[..10];
        var all = new Dictionary<string, string?>
        {
            ["MediaEdge:Cache:Redis:Configuration"] = redis.Configuration,
            ["MediaEdge:Cache:Redis:KeyPrefix"] = prefix,
            ["MediaEdge:Security:AdminToken"] = AdminToken,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var nodes = new List<CacheNode>();
        var group = new NodeGroup(redis, prefix, nodes);
        try
        {
            for (var i = 0; i < count; i++)
            {
                nodes.Add(await CacheNode.StartAsync(((char)('A' + i)).ToString(), all, services));
            }

            await group.WaitUntilSharingAsync();
        }
        catch
        {
            await group.DisposeAsync();
            throw;
        }

        return group;
    }

    /// <summary>Waits (bounded) until every node has a live Redis connection and Redis counts one subscriber per node on the compute-once and purge channels.</summary>
    private async Task WaitUntilSharingAsync()
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var connected = Nodes.Count(n => n.Redis?.IsConnected == true);
            var done = await Redis.SubscribersAsync(KeyPrefix + ":done");
            var purge = await Redis.SubscribersAsync(KeyPrefix + ":purge");
            if (connected == Nodes.Count && done == Nodes.Count && purge == Nodes.Count)
            {
                return;
            }

            if (waited.Elapsed > ReadyTimeout)
            {
                throw new TimeoutException($"After {ReadyTimeout.TotalSeconds} s, {connected} of {Nodes.Count} nodes were connected to Redis, with {done} subscriber(s) on {KeyPrefix}:done and {purge} on {KeyPrefix}:purge.");
            }

            await Task.Delay(25);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
        }
    }
}
