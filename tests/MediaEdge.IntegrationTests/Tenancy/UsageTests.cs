using System.Net.Http.Headers;
using MediaEdge.IntegrationTests.Caching;

namespace MediaEdge.IntegrationTests.Tenancy;

/// <summary>
/// Metering per source: after a mixed run over two sources (misses, hits, HEAD, a revalidation, a 404), the usage API's
/// records match what the test sent and received, field by field, and its transform time is what the metrics report.
/// </summary>
public sealed class UsageTests(TenantServer fixture) : ServerTest(fixture), IClassFixture<TenantServer>
{
    private const string Accept = "image/webp,image/*";

    [Fact]
    public async Task AfterAMixedRunOverTwoSources_TheUsageRecordsMatchWhatWasSent()
    {
        var a = new Traffic("meter-a");
        var b = new Traffic("meter-b");

        var first = await a.SendAsync(Client, HttpMethod.Get, "colorful-cups.jpg?w=200");
        await a.SendAsync(Client, HttpMethod.Get, "colorful-cups.jpg?w=200");
        await a.SendAsync(Client, HttpMethod.Get, "colorful-cups.jpg?w=320");
        await a.SendAsync(Client, HttpMethod.Head, "colorful-cups.jpg?w=200");
        await a.SendAsync(Client, HttpMethod.Get, "colorful-cups.jpg?w=200", ("If-None-Match", first.Header("ETag")!));
        await a.SendAsync(Client, HttpMethod.Get, "missing.jpg?w=200");
        await a.SendAsync(Client, HttpMethod.Get, "small.jpg?w=50&fm=png");
        await b.SendAsync(Client, HttpMethod.Get, "small.jpg?w=40");
        await b.SendAsync(Client, HttpMethod.Get, "small.jpg?w=40");
        await b.SendAsync(Client, HttpMethod.Get, "alpha.png?w=30");

        foreach (var (traffic, originals, variants, notFound) in new[] { (a, new[] { "colorful-cups.jpg", "small.jpg" }, 3, 1), (b, ["small.jpg", "alpha.png"], 2, 0) })
        {
            var usage = await Client.UsageAsync(TenantServer.AdminKey, traffic.Source);
            var what = traffic.Source;
            Assert.Equal(traffic.Requests, usage["requests"]);
            Assert.Equal(traffic.BytesReceived, usage["bytesOut"]);
            Assert.Equal(traffic.BytesSaved, usage["bytesSaved"]);
            Assert.Equal(originals.Sum(o => new FileInfo(MediaFolder.Shared.PathOf(o)).Length), usage["originBytes"]);
            Assert.Equal(variants, usage["variants"]);
            Assert.Equal(traffic.Tiers.GetValueOrDefault("miss"), usage["miss"]);
            Assert.Equal(traffic.Tiers.GetValueOrDefault("hit-l1"), usage["hitL1"]);
            Assert.Equal(notFound, usage["clientErrors"]);
            Assert.Equal(0, usage["serverErrors"]);

            // The records keep microseconds; the metric adds the milliseconds each transform reported.
            var metric = Server.Metrics.Sum("mediaedge.usage.transform.time", ("source", what));
            Assert.True(metric > 0, $"{what}: no transform time was reported");
            Assert.InRange(usage["transformMilliseconds"], metric - 0.01, metric + 0.01);
        }
    }

    [Fact]
    public async Task TheUsageRecords_AsCsv_HoldTheSameFiguresAsTheJson()
    {
        var traffic = new Traffic("meter-csv");
        await traffic.SendAsync(Client, HttpMethod.Get, "small.jpg?w=64");

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/admin/api/usage?source=meter-csv&from={UsageReplies.Instant(-1)}&to={UsageReplies.Instant(1)}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TenantServer.AdminKey);
        request.Headers.Accept.ParseAdd("text/csv");
        var csv = await Client.SendReplyAsync(request);
        var json = await Client.UsageAsync(TenantServer.AdminKey, "meter-csv");

        Assert.Equal(HttpStatusCode.OK, csv.Status);
        Assert.Equal("text/csv", csv.ContentType);
        var lines = System.Text.Encoding.UTF8.GetString(csv.Body).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        Assert.Equal(["source", "hour", "requests", "variants"], header[..4]);
        var rows = lines[1..].Select(line => line.Split(',')).ToList();
        Assert.All(rows, row => Assert.Equal("meter-csv", row[0]));
        foreach (var field in new[] { "requests", "bytesOut", "originBytes", "bytesSaved", "variants" })
        {
            var column = Array.IndexOf(header, field);
            Assert.Equal(json[field], rows.Sum(row => double.Parse(row[column], CultureInfo.InvariantCulture)));
        }
    }

    [Theory]
    [InlineData(null, 401)]
    [InlineData("not-the-admin-key-at-all", 403)]
    [InlineData(TenantServer.AdminKey, 200)]
    public async Task TheUsageApi_TakesOnlyAnAdminKey(string? key, int status)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/api/usage");
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        var reply = await Client.SendReplyAsync(request);

        Assert.Equal(status, (int)reply.Status);
        Assert.Equal(status == 401 ? "Bearer" : null, reply.Header("WWW-Authenticate"));
        Assert.Equal("no-store", reply.Header("Cache-Control"));
    }

    [Theory]
    [InlineData("source=nope", 404)]
    [InlineData("from=yesterday", 400)]
    [InlineData("from=2026-01-01T00:00:00Z&to=2025-01-01T00:00:00Z", 400)]
    [InlineData("from=2025-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", 400)]
    public async Task TheUsageApi_RefusesABadQuery_WithAProblem(string query, int status)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/api/usage?" + query);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TenantServer.AdminKey);

        var reply = await Client.SendReplyAsync(request);

        Assert.Equal(status, (int)reply.Status);
        Assert.Equal("application/problem+json", reply.ContentType);
    }

    /// <summary>What the test sent to one source and what came back, as a user counts it.</summary>
    private sealed class Traffic(string source)
    {
        public string Source => source;

        public int Requests { get; private set; }

        public long BytesReceived { get; private set; }

        public long BytesSaved { get; private set; }

        public Dictionary<string, int> Tiers { get; } = new(StringComparer.Ordinal);

        public async Task<Reply> SendAsync(HttpClient client, HttpMethod method, string path, params (string Name, string Value)[] headers)
        {
            var reply = await client.SendReplyAsync(method, $"/img/{source}/{path}", Accept, headers);
            Requests++;
            BytesReceived += reply.Body.Length;
            if (reply.CacheTier() is { } tier)
            {
                Tiers[tier] = Tiers.GetValueOrDefault(tier) + 1;
            }

            if (reply.Status == HttpStatusCode.OK && method == HttpMethod.Get)
            {
                BytesSaved += new FileInfo(MediaFolder.Shared.PathOf(path.Split('?')[0])).Length - reply.Body.Length;
            }

            return reply;
        }
    }
}
