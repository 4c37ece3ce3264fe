using System.Diagnostics;
using MediaEdge.IntegrationTests.Origins;
using MediaEdge.IntegrationTests.Redis;

namespace MediaEdge.IntegrationTests.Caching;

/// <summary>
/// The /o/ shared cache across nodes: a response one node stored in Redis is served by another with every field the
/// origin sent, and an unsafe method sent through one node invalidates the stored response on every node (RFC 9111 §4.4).
/// Run against every Redis back end.
/// </summary>
public abstract class SharedShieldTests<TRedis>(TRedis redis) : IAsyncLifetime
    where TRedis : RedisBackend
{
    private static readonly byte[] Body = SampleBytes.Noise(3000, seed: 21);
    private HttpTestOrigin? _origin;
    private NodeGroup? _nodes;

    private NodeGroup Nodes => _nodes ?? throw new InvalidOperationException("The nodes have not started.");

    private HttpTestOrigin Origin => _origin ?? throw new InvalidOperationException("The origin has not started.");

    public async Task InitializeAsync()
    {
        _origin = await HttpTestOrigin.StartAsync();
        var settings = MediaEdgeServer.HttpSource("web", _origin.BaseAddress);
        settings["MediaEdge:Cache:Redis:OperationTimeoutMilliseconds"] = "2000";
        _nodes = await NodeGroup.StartAsync(redis, 2, settings);
    }

    public async Task DisposeAsync()
    {
        if (_nodes is not null)
        {
            await _nodes.DisposeAsync();
        }

        if (_origin is not null)
        {
            await _origin.DisposeAsync();
        }
    }

    [Fact]
    public async Task StoredByA_IsServedByBFromL2_WithEveryOriginField()
    {
        var doc = Serve();

        var first = await Nodes[0].GetAsync("/o/web/doc.bin");
        var second = await Nodes[1].GetAsync("/o/web/doc.bin");

        Assert.Equal((HttpStatusCode.OK, "miss"), (first.Status, first.CacheTier()));
        Assert.Equal((HttpStatusCode.OK, "hit-l2"), (second.Status, second.CacheTier()));
        Assert.Equal(Body, second.Body);
        foreach (var name in new[] { "ETag", "Cache-Control", "Access-Control-Allow-Origin", "Link", "X-Origin-Tag", "Content-Language" })
        {
            Assert.Equal(first.Header(name), second.Header(name));
            Assert.NotNull(second.Header(name));
        }

        Assert.NotNull(second.Header("Age"));
        Assert.Equal(1, doc.Gets);
    }

    [Fact]
    public async Task DeleteThroughB_InvalidatesWhatAStored()
    {
        var doc = Serve();
        Assert.Equal("miss", (await Nodes[0].GetAsync("/o/web/doc.bin")).CacheTier());
        Assert.Equal("hit-l1", (await Nodes[0].GetAsync("/o/web/doc.bin")).CacheTier());

        using var delete = await Nodes[1].Client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/o/web/doc.bin"));

        Assert.True(delete.IsSuccessStatusCode, $"DELETE answered {(int)delete.StatusCode}");
        // The purge travels by pub/sub: bounded polling until A's L1 copy is gone.
        var waited = Stopwatch.StartNew();
        Reply after;
        do
        {
            after = await Nodes[0].GetAsync("/o/web/doc.bin");
        }
        while (after.CacheTier() != "miss" && waited.Elapsed < TimeSpan.FromSeconds(10));

        Assert.Equal((HttpStatusCode.OK, "miss"), (after.Status, after.CacheTier()));
        // The origin saw the first GET, the DELETE passed through, and the GET after the invalidation (it counts every non-HEAD as a GET).
        Assert.Equal(3, doc.Gets);
    }

    private OriginResource Serve()
    {
        var doc = Origin.Put("doc.bin", Body);
        doc.ETag = "\"doc-1\"";
        doc.CacheControl = "public, max-age=600";
        doc.Headers["Access-Control-Allow-Origin"] = "*";
        doc.Headers["Link"] = "</style.css>; rel=preload; as=style";
        doc.Headers["X-Origin-Tag"] = "blue";
        doc.Headers["Content-Language"] = "en";
        return doc;
    }
}

/// <summary>The /o/ shared cache on one redis-server.</summary>
public sealed class SharedShieldOnRedisServerTests(StandaloneRedis redis)
    : SharedShieldTests<StandaloneRedis>(redis), IClassFixture<StandaloneRedis>;

/// <summary>The /o/ shared cache on a three-master Redis Cluster.</summary>
public sealed class SharedShieldOnRedisClusterTests(RedisCluster redis)
    : SharedShieldTests<RedisCluster>(redis), IClassFixture<RedisCluster>;
