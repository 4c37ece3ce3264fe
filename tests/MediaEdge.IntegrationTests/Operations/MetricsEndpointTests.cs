using System.Diagnostics;
using System.Text;

namespace MediaEdge.IntegrationTests.Operations;

/// <summary>/metrics, scraped as Prometheus would before and after traffic, shows the request, tier, byte, transform and origin counters moving by what was done.</summary>
[Collection(AloneCollection.Name)]
public sealed class MetricsEndpointTests(ITestOutputHelper output)
{
    private const string Key = "colorful-cups.jpg";
    private const string Url = "/img/local/" + Key + "?w=320&fm=webp";
    private static readonly TimeSpan ScrapeLimit = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task ScrapeAfterAMissAndAHit_RequestTierByteTransformAndOriginCountersMoveByWhatWasServed()
    {
        await using var server = await MediaEdgeServer.StartAsync();
        using var client = server.CreateClient(out var guard);
        var sourceBytes = MediaFolder.Shared.Read(Key).Length;

        var before = await ScrapeAsync(client);
        var miss = await client.GetReplyAsync(Url);
        var hit = await client.GetReplyAsync(Url);

        Assert.Equal(HttpStatusCode.OK, miss.Status);
        Assert.Equal(HttpStatusCode.OK, hit.Status);
        Assert.StartsWith("cache;desc=miss", miss.Header("Server-Timing"), StringComparison.Ordinal);
        Assert.StartsWith("cache;desc=hit-l1", hit.Header("Server-Timing"), StringComparison.Ordinal);

        // A response is counted after its body is sent, so the client may hold the hit a moment before the counter moves: poll.
        var waited = Stopwatch.StartNew();
        PrometheusText after;
        while (true)
        {
            after = await ScrapeAsync(client);
            if (Delta(before, after, "mediaedge_http_requests_total", ("route", "img"), ("status", "200"), ("tier", "hit-l1")) >= 1 || waited.Elapsed > ScrapeLimit)
            {
                break;
            }

            await Task.Delay(100);
        }

        output.WriteLine($"The scrape showed both requests after {waited.ElapsedMilliseconds} ms.");
        output.WriteLine(after.Lines("mediaedge_http_") + "\n" + after.Lines("mediaedge_bytes_saved") + "\n" + after.Lines("mediaedge_transforms_total") + "\n" + after.Lines("mediaedge_origin_reads"));
        Assert.Equal(1, Delta(before, after, "mediaedge_http_requests_total", ("route", "img"), ("status", "200"), ("tier", "miss")));
        Assert.Equal(1, Delta(before, after, "mediaedge_http_requests_total", ("route", "img"), ("status", "200"), ("tier", "hit-l1")));
        Assert.Equal(2, Delta(before, after, "mediaedge_http_requests_total", ("route", "img")));
        Assert.Equal(1, Delta(before, after, "mediaedge_cache_requests_total", ("tier", "miss")));
        Assert.Equal(1, Delta(before, after, "mediaedge_cache_requests_total", ("tier", "hit-l1")));

        // Both responses carry Content-Length, so the image route's byte counter moves by exactly the two bodies.
        var bodies = miss.Body.Length + hit.Body.Length;
        var sent = Delta(before, after, "mediaedge_http_response_bytes_total", ("route", "img"));
        Assert.True(sent >= bodies, $"mediaedge_http_response_bytes_total{{route=\"img\"}} grew by {sent}, less than the {bodies} body bytes sent");
        Assert.Equal(bodies, sent);

        // Source length minus response length, for each of the two responses.
        Assert.True(after.Has("mediaedge_bytes_saved_total"), "No mediaedge_bytes_saved_total series (the name the README documents); the scrape has:\n" + after.Lines("mediaedge_bytes"));
        var saved = Delta(before, after, "mediaedge_bytes_saved_total");
        Assert.True(saved > 0, "mediaedge_bytes_saved_total did not grow");
        Assert.Equal((2L * sourceBytes) - bodies, saved);

        Assert.Equal(1, Delta(before, after, "mediaedge_transforms_total"));
        Assert.Equal(1, Delta(before, after, "mediaedge_origin_reads_total"));
        Assert.Equal(sourceBytes, Delta(before, after, "mediaedge_origin_bytes_total"));
        guard.AssertNoServerFailure();
    }

    private static double Delta(PrometheusText before, PrometheusText after, string name, params (string Name, string Value)[] labels) =>
        after.Sum(name, labels) - before.Sum(name, labels);

    private static async Task<PrometheusText> ScrapeAsync(HttpClient client)
    {
        var reply = await client.GetReplyAsync("/metrics", "text/plain");
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.StartsWith("text/plain", reply.ContentType, StringComparison.Ordinal);
        return PrometheusText.Parse(Encoding.UTF8.GetString(reply.Body));
    }
}
