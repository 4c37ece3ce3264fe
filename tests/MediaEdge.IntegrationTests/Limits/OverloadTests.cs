namespace MediaEdge.IntegrationTests.Limits;

/// <summary>With one transform slot and a hard cap of one waiting (Limits:MaxQueuedTransforms), a burst of distinct heavy requests is partly refused with 503 and Retry-After, never 500.</summary>
public sealed class OverloadTests
{
    [Theory]
    [MemberData(nameof(Engine.Names), MemberType = typeof(Engine))]
    public async Task DistinctHeavyBurst_OverTheQueueCap_Gets503WithRetryAfter_AndNo500(string engine)
    {
        await using var server = await MediaEdgeServer.StartAsync(
            new Dictionary<string, string?>
            {
                ["MediaEdge:Limits:MaxConcurrentTransforms"] = "1",
                ["MediaEdge:Limits:MaxQueuedTransforms"] = "1",
            },
            engine: Engine.Named(engine));
        using var client = server.CreateClient(out var guard);

        // blur=150 on 1280x800 takes a good part of a second, so the burst lands while the one slot is busy.
        var replies = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => client.GetReplyAsync($"/img/local/colorful-cups.jpg?w={1000 + i}&blur=150")));

        var refused = replies.Where(r => r.Status == HttpStatusCode.ServiceUnavailable).ToArray();
        Assert.NotEmpty(refused);
        Assert.All(replies, r => Assert.True(r.Status is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, r.ToString()));
        Assert.Contains(replies, r => r.Status == HttpStatusCode.OK);
        Assert.All(refused, r =>
        {
            Assert.Equal("urn:mediaedge:problem:overloaded", r.Problem().GetProperty("type").GetString());
            Assert.True(int.TryParse(r.Header("Retry-After"), out var seconds) && seconds > 0, $"Retry-After: {r.Header("Retry-After")}");
        });
        Assert.Equal(refused.Length, server.Metrics.Total("mediaedge.transforms.rejected"));
        guard.AssertNoServerFailure();

        var after = await client.GetReplyAsync("/img/local/colorful-cups.jpg?w=1000&blur=150");
        Assert.Equal(HttpStatusCode.OK, after.Status);
    }
}
