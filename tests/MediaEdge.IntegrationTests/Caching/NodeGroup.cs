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

    /// <summary>The Accept every node's requests send, so every node negotiates the same variant.</summary>
    public const string Accept = "image/webp,image/*";
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(15);

    private NodeGroup(RedisBackend redis, string keyPrefix, IReadOnlyList<MediaEdgeServer> nodes)
    {
        Redis = redis;
        KeyPrefix = keyPrefix;
        Nodes = nodes;
    }

    public RedisBackend Redis { get; }

    public string KeyPrefix { get; }

    public IReadOnlyList<MediaEdgeServer> Nodes { get; }

    public MediaEdgeServer this[int index] => Nodes[index];

    public long Transforms => Nodes.Sum(n => n.Transforms);

    public long OriginReads => Nodes.Sum(n => n.OriginReads);

    /// <summary>Redis calls that failed or timed out on any node: where not 0, nodes had to work alone.</summary>
    public long RedisErrors => Nodes.Sum(n => n.Metrics.Total("mediaedge.cache.l2.errors"));

    /// <summary>Starts the nodes and returns once every one is connected to Redis and subscribed to its channels.</summary>
    /// <param name="perNode">Settings of one node by its name (A, B…), over <paramref name="settings"/>: its own disk tier's folder.</param>
    public static async Task<NodeGroup> StartAsync(RedisBackend redis, int count, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, Func<string, IReadOnlyDictionary<string, string?>>? perNode = null)
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

        var nodes = new List<MediaEdgeServer>();
        var group = new NodeGroup(redis, prefix, nodes);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var name = ((char)('A' + i)).ToString();
                var mine = new Dictionary<string, string?>(all);
                foreach (var (key, value) in perNode?.Invoke(name) ?? new Dictionary<string, string?>())
                {
                    mine[key] = value;
                }

                nodes.Add(await MediaEdgeServer.StartAsync(NodeOptions(name, mine, services)));
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
        var (connected, done, purge) = (0, 0L, 0L);
        var sharing = await Eventually.WithinAsync(
            async () =>
            {
                connected = Nodes.Count(n => n.Redis?.IsConnected == true);
                done = await Redis.SubscribersAsync(KeyPrefix + ":done");
                purge = await Redis.SubscribersAsync(KeyPrefix + ":purge");
                return connected == Nodes.Count && done == Nodes.Count && purge == Nodes.Count;
            },
            ReadyTimeout);
        if (!sharing)
        {
            throw new TimeoutException($"After {ReadyTimeout.TotalSeconds} s, {connected} of {Nodes.Count} nodes were connected to Redis, with {done} subscriber(s) on {KeyPrefix}:done and {purge} on {KeyPrefix}:purge.");
        }
    }

    /// <summary>
    /// A cache node: the freshness windows of appsettings.json unless <paramref name="settings"/> say otherwise, and a
    /// client that sends <see cref="Accept"/>.
    /// </summary>
    public static ServerOptions NodeOptions(string name, IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services = null) =>
        new() { Name = name, Settings = settings, Services = services, Freshness = null, Accept = Accept };

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
        }
    }
}
