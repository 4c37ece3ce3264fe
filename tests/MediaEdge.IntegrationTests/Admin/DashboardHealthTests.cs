using System.Text.Json;
using MediaEdge.IntegrationTests.Redis;

namespace MediaEdge.IntegrationTests.Admin;

/// <summary>The health part of GET /admin/api/stats on a node with Redis and a source that cannot be reached.</summary>
public sealed class DashboardHealthTests
{
    private const string Key = "dashboard-health-key-0123456789";

    [Fact]
    public async Task Stats_WithRedisAndAnUnreachableSource_ReportsRedisConnectedAndTheSourceUnreachable()
    {
        await using var redis = await RedisServerProcess.StartAsync();
        var settings = MediaEdgeServer.HttpSource("down", new Uri($"http://127.0.0.1:{LoopbackPort.Next()}/"));
        settings["MediaEdge:Admin:Keys:0"] = Key;
        settings["MediaEdge:Cache:Redis:Configuration"] = redis.EndPoint;
        await using var server = await MediaEdgeServer.StartAsync(settings);

        var reply = await server.GetAsync("/admin/api/stats", ("Authorization", "Bearer " + Key));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        using var stats = JsonDocument.Parse(reply.Body);
        var health = stats.RootElement.GetProperty("redis");
        Assert.Equal(("connected", "closed", 0L), (health.GetProperty("state").GetString(), health.GetProperty("breaker").GetString(), health.GetProperty("errors").GetInt64()));
        var origins = stats.RootElement.GetProperty("origins").EnumerateArray().ToDictionary(o => o.GetProperty("source").GetString()!);
        Assert.Equal(["down", "local"], origins.Keys.Order());
        var down = origins["down"].GetProperty("probe");
        Assert.False(down.GetProperty("reachable").GetBoolean());
        Assert.Equal(JsonValueKind.Null, down.GetProperty("lastOkAt").ValueKind);
        Assert.Equal(down.GetProperty("checkedAt").GetDateTimeOffset(), down.GetProperty("lastErrorAt").GetDateTimeOffset());
        Assert.False(string.IsNullOrEmpty(down.GetProperty("lastError").GetString()));
        var local = origins["local"].GetProperty("probe");
        Assert.True(local.GetProperty("reachable").GetBoolean());
        Assert.Equal(JsonValueKind.Null, local.GetProperty("lastErrorAt").ValueKind);
    }
}
