using System.Diagnostics;
using MediaEdge.IntegrationTests.Redis;

namespace MediaEdge.IntegrationTests.Caching;

/// <summary>
/// Three nodes with separate L1s share one Redis: what one node computed, the others serve without the origin or the engine;
/// identical misses anywhere are computed once; a purge on one node reaches every node's L1. Run against every Redis back end.
/// Each test starts its own three nodes under its own key prefix and counts each node's work on that node's own meter.
/// </summary>
public abstract class SharedCacheTests<TRedis>(TRedis redis) : IAsyncLifetime
    where TRedis : RedisBackend
{
    private const string Source = "local/colorful-cups.jpg";
    private NodeGroup? _nodes;

    private NodeGroup Nodes => _nodes ?? throw new InvalidOperationException("The nodes have not started.");

    // The nodes of several tests share this machine's cores: a Redis reply that waits for a CPU must not read as Redis failing,
    // which would rightly make a node compute alone and spoil the counts.
    public async Task InitializeAsync() =>
        _nodes = await NodeGroup.StartAsync(redis, 3, new Dictionary<string, string?> { ["MediaEdge:Cache:Redis:OperationTimeoutMilliseconds"] = "2000" });

    public async Task DisposeAsync()
    {
        if (_nodes is not null)
        {
            await _nodes.DisposeAsync();
        }
    }

    [Fact]
    public async Task VariantComputedOnA_IsServedByBAndCFromL2_WithoutOriginReadsOrTransforms()
    {
        const string url = "/img/" + Source + "?w=480&fm=webp";
        var a = Nodes[0];

        var computed = await a.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, computed.Status);
        Assert.Equal("miss", computed.CacheTier());
        Assert.Equal((1, 1), (a.OriginReads, a.Transforms));
        foreach (var sut in new[] { Nodes[1], Nodes[2] })
        {
            var reply = await sut.GetAsync(url);

            Assert.Equal(HttpStatusCode.OK, reply.Status);
            Assert.Equal("hit-l2", reply.CacheTier());
            Assert.Equal("image/webp", reply.ContentType);
            Assert.Equal(computed.Header("ETag"), reply.Header("ETag"));
            Assert.Equal(computed.Body, reply.Body);
            Assert.Equal((0, 0), (sut.OriginReads, sut.Transforms));
            Assert.Equal("hit-l1", (await sut.GetAsync(url)).CacheTier());
        }

        Assert.Equal((1, 1), (Nodes.OriginReads, Nodes.Transforms));
    }

    [Fact]
    public async Task SixtyConcurrentIdenticalMisses_OverThreeNodes_AreOneOriginReadAndOneTransform()
    {
        const string url = "/img/" + Source + "?w=360&h=360&fit=crop&fm=webp";
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var requests = Enumerable.Range(0, 60).Select(async i =>
        {
            await go.Task;
            var node = Nodes[i % 3];
            return (Node: node, Reply: await node.GetAsync(url));
        }).ToArray();

        go.SetResult();
        var replies = await Task.WhenAll(requests);

        Assert.All(replies, r => Assert.Equal(HttpStatusCode.OK, r.Reply.Status));
        Assert.All(replies, r => Assert.Equal(replies[0].Reply.Body, r.Reply.Body));
        Assert.Single(replies.Select(r => r.Reply.Header("ETag")).Distinct());
        Assert.Equal("image/webp", replies[0].Reply.ContentType);
        Assert.True((Nodes.OriginReads, Nodes.Transforms) == (1, 1), $"{Nodes.OriginReads} origin reads and {Nodes.Transforms} transforms; {Nodes.RedisErrors} Redis calls failed.");
        Assert.Single(replies.Where(r => r.Reply.CacheTier() == "miss").Select(r => r.Node).Distinct());
    }

    [Fact]
    public async Task PurgeSentToA_DropsTheVariantFromBsL1WithinASecond()
    {
        const string url = "/img/" + Source + "?w=240&fm=webp";
        var (a, b, c) = (Nodes[0], Nodes[1], Nodes[2]);
        Assert.Equal("miss", (await b.GetAsync(url)).CacheTier());
        Assert.Equal("hit-l1", (await b.GetAsync(url)).CacheTier());
        Assert.Equal("hit-l2", (await c.GetAsync(url)).CacheTier());

        var wrong = await a.PurgeAsync(Source, "not-" + NodeGroup.AdminToken);
        var missing = await a.PurgeAsync(Source, token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.Status);
        Assert.Equal("Bearer", wrong.Header("WWW-Authenticate"));
        wrong.Problem();
        Assert.Equal("hit-l1", (await b.GetAsync(url)).CacheTier());

        var transforms = b.Transforms;
        var since = Stopwatch.StartNew();
        var purged = await a.PurgeAsync(Source, NodeGroup.AdminToken);

        Assert.Equal(HttpStatusCode.Accepted, purged.Status);
        Assert.Equal("no-store", purged.Header("Cache-Control"));
        Reply after;
        TimeSpan sent;
        while (true)
        {
            sent = since.Elapsed;
            after = await b.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, after.Status);
            if (after.CacheTier() != "hit-l1" || sent >= TimeSpan.FromSeconds(1))
            {
                break;
            }

            await Task.Delay(20);
        }

        Assert.True(after.CacheTier() != "hit-l1", $"B still answered from its L1 a request sent {sent.TotalMilliseconds:0} ms after the purge.");
        Assert.Equal("miss", after.CacheTier());
        Assert.Equal(transforms + 1, b.Transforms);

        // C held the variant in its L1 too: it now takes B's new result from L2.
        var fromC = await c.GetAsync(url);
        Assert.Equal("hit-l2", fromC.CacheTier());
        Assert.Equal(after.Body, fromC.Body);
    }
}

/// <summary>The shared cache on one redis-server.</summary>
public sealed class SharedCacheOnRedisServerTests(StandaloneRedis redis)
    : SharedCacheTests<StandaloneRedis>(redis), IClassFixture<StandaloneRedis>;

/// <summary>The shared cache on a three-master Redis Cluster.</summary>
public sealed class SharedCacheOnRedisClusterTests(RedisCluster redis)
    : SharedCacheTests<RedisCluster>(redis), IClassFixture<RedisCluster>;
