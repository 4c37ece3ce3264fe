using System.Diagnostics;
using System.Text.Json;
using MediaEdge.IntegrationTests.Redis;

namespace MediaEdge.IntegrationTests.Operations;

/// <summary>/readyz reports Redis as it is: a node whose Redis dies is degraded but still ready (200) and still serving, and ready again once Redis is back.</summary>
public sealed class ReadinessTests(ITestOutputHelper output)
{
    private static readonly TimeSpan FlipLimit = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task RedisKilled_ReadyzIsDegradedWith200AndImagesStillServe_AndReadyAgainOnceRedisRestarts()
    {
        await using var redis = new StandaloneRedis();
        await redis.InitializeAsync();
        await using var server = await MediaEdgeServer.StartAsync(new Dictionary<string, string?>
        {
            ["MediaEdge:Cache:Redis:Configuration"] = redis.Configuration,
        });
        using var client = server.CreateClient(out var guard);

        var (up, connectedAfter) = await PollReadyzAsync(client, "ready", "connected");
        Assert.Equal(HttpStatusCode.OK, up.Status);
        Assert.Equal("ok", up.Origins["local"]);
        Assert.Equal("closed", up.Breaker);
        Assert.Equal(HttpStatusCode.OK, (await client.GetReplyAsync("/img/local/small.jpg?w=100")).Status);

        redis.Server.Kill();
        var (down, flippedAfter) = await PollReadyzAsync(client, "degraded", "disconnected");
        Assert.Equal(HttpStatusCode.OK, down.Status);
        Assert.Equal("ok", down.Origins["local"]);
        for (var width = 101; width <= 105; width++)
        {
            var reply = await client.GetReplyAsync("/img/local/small.jpg?w=" + width.ToString(CultureInfo.InvariantCulture));
            Assert.Equal(HttpStatusCode.OK, reply.Status);
            Assert.Equal("image/jpeg", reply.ContentType);
        }

        var again = await client.GetReplyAsync("/img/local/small.jpg?w=100");
        Assert.Equal(HttpStatusCode.OK, again.Status);
        var stillDown = await ReadyzAsync(client);
        Assert.Equal(("degraded", "disconnected"), (stillDown.State, stillDown.Redis));

        await redis.Server.RestartAsync();
        var (back, recoveredAfter) = await PollReadyzAsync(client, "ready", "connected");
        Assert.Equal(HttpStatusCode.OK, back.Status);
        Assert.Equal(HttpStatusCode.OK, (await client.GetReplyAsync("/img/local/small.jpg?w=106")).Status);

        output.WriteLine($"ready+connected {connectedAfter.TotalMilliseconds:0} ms after start; degraded+disconnected {flippedAfter.TotalMilliseconds:0} ms after SIGKILL (breaker {down.Breaker}); ready+connected {recoveredAfter.TotalMilliseconds:0} ms after Redis answered PING again (breaker {back.Breaker})");
        guard.AssertNoServerFailure();
    }

    [Fact]
    public async Task NoRedisConfigured_ReadyzIsReady_WithRedisNotConfigured()
    {
        await using var server = await MediaEdgeServer.StartAsync();
        using var client = server.CreateClient(out var guard);

        var sut = await ReadyzAsync(client);

        Assert.Equal(HttpStatusCode.OK, sut.Status);
        Assert.Equal(("ready", "not-configured"), (sut.State, sut.Redis));
        Assert.Equal("ok", sut.Origins["local"]);
        guard.AssertNoServerFailure();
    }

    /// <summary>Asks /readyz until it reports <paramref name="status"/> and <paramref name="redis"/>; fails, showing the last answer, after <see cref="FlipLimit"/>.</summary>
    private static async Task<(Readiness Last, TimeSpan After)> PollReadyzAsync(HttpClient client, string status, string redis)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var readiness = await ReadyzAsync(client);
            if (readiness.State == status && readiness.Redis == redis)
            {
                return (readiness, waited.Elapsed);
            }

            Assert.True(waited.Elapsed < FlipLimit, $"/readyz did not report {status} with redis {redis} within {FlipLimit.TotalSeconds} s; it last said {readiness}");
            await Task.Delay(50);
        }
    }

    private static async Task<Readiness> ReadyzAsync(HttpClient client)
    {
        var reply = await client.GetReplyAsync("/readyz");
        Assert.Equal("application/json", reply.ContentType);
        using var json = JsonDocument.Parse(reply.Body);
        var root = json.RootElement;
        var origins = root.GetProperty("origins").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");
        var breaker = root.TryGetProperty("breaker", out var b) && b.ValueKind == JsonValueKind.String ? b.GetString() : null;
        return new Readiness(reply.Status, root.GetProperty("status").GetString() ?? "", root.GetProperty("redis").GetString() ?? "", origins, breaker);
    }

    private sealed record Readiness(HttpStatusCode Status, string State, string Redis, IReadOnlyDictionary<string, string> Origins, string? Breaker)
    {
        public override string ToString() => $"{(int)Status} status={State} redis={Redis} breaker={Breaker} origins={string.Join(",", Origins.Select(o => o.Key + ":" + o.Value))}";
    }
}
