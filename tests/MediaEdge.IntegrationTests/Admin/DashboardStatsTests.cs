using System.Text.Json;

namespace MediaEdge.IntegrationTests.Admin;

/// <summary>GET /admin/api/stats after real traffic: what the dashboard charts is what the node served.</summary>
public sealed class DashboardStatsTests : IAsyncLifetime
{
    private const string Key = "dashboard-test-key-0123456789";
    private const string Image = "/img/local/colorful-cups.jpg?w=120";

    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _clock = MediaEdgeServer.NewClock();
    private MediaEdgeServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await MediaEdgeServer.StartAsync(new ServerOptions
        {
            Settings = new Dictionary<string, string?> { ["MediaEdge:Admin:Keys:0"] = Key },
            Clock = _clock,
        });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Stats_AfterAMissTwoHitsAndA404_ReportsThemByTierAndStatus()
    {
        var miss = await _server.GetAsync(Image);
        await _server.GetAsync(Image);
        await _server.GetAsync(Image);
        var missing = await _server.GetAsync("/img/local/no-such-photo.jpg?w=120");
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.NotFound), (miss.Status, missing.Status));

        using var stats = await StatsAsync();

        var totals = stats.RootElement.GetProperty("totals");
        var tiers = totals.GetProperty("tiers");
        Assert.Equal((1, 2), (tiers.GetProperty("miss").GetInt64(), tiers.GetProperty("hit-l1").GetInt64()));
        Assert.Equal(4, totals.GetProperty("responses").GetInt64());
        var status = totals.GetProperty("status");
        Assert.Equal((3, 1, 0), (status.GetProperty("2xx").GetInt64(), status.GetProperty("4xx").GetInt64(), status.GetProperty("5xx").GetInt64()));
        Assert.Equal(
            [(200, 3L), (404, 1L)],
            totals.GetProperty("topCodes").EnumerateArray().Select(c => (c.GetProperty("status").GetInt32(), c.GetProperty("count").GetInt64())));
        Assert.Equal(1, totals.GetProperty("transforms").GetInt64());
        Assert.Equal(_server.Metrics.Total("mediaedge.bytes.saved"), totals.GetProperty("bytesSaved").GetInt64());
        Assert.True(totals.GetProperty("bytesSaved").GetInt64() > 0, "a 120-px rendition of a large JPEG saves bytes");
    }

    [Fact]
    public async Task Stats_OnceTheIntervalEnds_ChartsTheTrafficPerSecond()
    {
        await _server.GetAsync(Image);
        await _server.GetAsync(Image);
        await _server.GetAsync("/img/local/no-such-photo.jpg");

        _clock.Advance(TimeSpan.FromSeconds(2));
        using var stats = await StatsAsync();

        var root = stats.RootElement;
        Assert.Equal((2, 300), (root.GetProperty("bucketSeconds").GetInt32(), root.GetProperty("windowSeconds").GetInt32()));
        var series = root.GetProperty("series");
        Assert.Equal(150, series.GetProperty("time").GetArrayLength());
        Assert.Equal(0.5, Sum(series.GetProperty("tiers").GetProperty("miss")));
        Assert.Equal(0.5, Sum(series.GetProperty("tiers").GetProperty("hit-l1")));
        Assert.Equal(0.5, Sum(series.GetProperty("status").GetProperty("4xx")));
        Assert.Equal(1.0, Sum(series.GetProperty("status").GetProperty("2xx")));
        Assert.True(series.GetProperty("transformP95")[149].GetDouble() > 0);
    }

    [Fact]
    public async Task Stats_SlowestTransforms_HaveTheUrlAndTheServerTimingDuration()
    {
        var miss = await _server.GetAsync(Image);
        var timing = miss.Header("Server-Timing")!;
        var duration = double.Parse(timing[(timing.IndexOf("transform;dur=", StringComparison.Ordinal) + "transform;dur=".Length)..].Split(',')[0], CultureInfo.InvariantCulture);

        using var stats = await StatsAsync();

        var slow = Assert.Single(stats.RootElement.GetProperty("slowest").EnumerateArray());
        Assert.Equal(Image, slow.GetProperty("url").GetString());
        Assert.Equal(duration, slow.GetProperty("milliseconds").GetDouble());
        Assert.Equal(_clock.GetUtcNow(), slow.GetProperty("at").GetDateTimeOffset());
    }

    [Fact]
    public async Task Stats_Health_ReportsRedisUnconfiguredAndTheLocalSourceReachableWithItsRead()
    {
        await _server.GetAsync(Image);

        using var stats = await StatsAsync();

        var redis = stats.RootElement.GetProperty("redis");
        Assert.Equal("not-configured", redis.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, redis.GetProperty("breaker").ValueKind);
        var origin = Assert.Single(stats.RootElement.GetProperty("origins").EnumerateArray());
        Assert.Equal("local", origin.GetProperty("source").GetString());
        Assert.True(origin.GetProperty("probe").GetProperty("reachable").GetBoolean());
        Assert.Equal(1, origin.GetProperty("reads").GetInt64());
        Assert.True(origin.GetProperty("p95Milliseconds").GetDouble() >= 0);
        Assert.Equal(_clock.GetUtcNow(), origin.GetProperty("lastReadAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Stats_DashboardsOwnCalls_AreNotCountedAsTraffic()
    {
        (await StatsAsync()).Dispose();
        await _server.GetAsync("/admin/assets/index.js");

        using var stats = await StatsAsync();

        Assert.Equal(0, stats.RootElement.GetProperty("totals").GetProperty("responses").GetInt64());
    }

    [Fact]
    public async Task Stats_WithoutAKey_Is401WithBearerChallenge()
    {
        var sut = await _server.GetAsync("/admin/api/stats");

        Assert.Equal(HttpStatusCode.Unauthorized, sut.Status);
        Assert.Equal("Bearer", sut.Header("WWW-Authenticate"));
        sut.Problem();
    }

    [Fact]
    public async Task Stats_WithAWrongKey_Is403()
    {
        var sut = await _server.GetAsync("/admin/api/stats", ("Authorization", "Bearer not-the-dashboard-key-0000"));

        Assert.Equal(HttpStatusCode.Forbidden, sut.Status);
        sut.Problem();
    }

    private async Task<JsonDocument> StatsAsync()
    {
        var reply = await _server.GetAsync("/admin/api/stats", ("Authorization", "Bearer " + Key));
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("application/json", reply.ContentType);
        return JsonDocument.Parse(reply.Body);
    }

    private static double Sum(JsonElement values) => values.EnumerateArray().Sum(v => v.GetDouble());
}
