using MediaEdge.IntegrationTests.Caching;

namespace MediaEdge.IntegrationTests.Tenancy;

/// <summary>
/// Sources:{name}:RateLimit: past its RequestsPerSecond, or with its TransformSecondsPerSecond spent, a source's
/// requests get 429 with Retry-After and a problem naming the key; other sources are served meanwhile, and the refusals
/// are in the source's usage.
/// </summary>
public sealed class RateLimitTests(RateLimitTests.LimitedServer fixture) : ServerTest(fixture), IClassFixture<RateLimitTests.LimitedServer>
{
    [Fact]
    public async Task PastItsRequestsPerSecond_ASourceGets429s_WithRetryAfter_WhileAnotherIsServed()
    {
        await Client.GetOkAsync("/img/requests/small.jpg?w=32");
        var replies = new List<Reply>();
        for (var i = 0; i < 30; i++)
        {
            replies.Add(await Client.GetReplyAsync("/img/requests/small.jpg?w=32"));
        }

        var other = await Client.GetReplyAsync("/img/local/small.jpg?w=32");

        var refused = replies.Where(r => r.Status == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(refused);
        Assert.All(replies, r => Assert.True(r.Status is HttpStatusCode.OK or HttpStatusCode.TooManyRequests, r.ToString()));
        // A 4-token bucket and 2 tokens a second: 30 quick requests cannot all pass.
        Assert.True(refused.Count >= 20, $"{refused.Count} of 30 refused");
        Assert.All(refused, r =>
        {
            Assert.True(int.Parse(r.Header("Retry-After")!, CultureInfo.InvariantCulture) >= 1);
            Assert.Equal("urn:mediaedge:problem:rate-limited", r.Problem().GetProperty("type").GetString());
            Assert.Equal("Sources:requests:RateLimit:RequestsPerSecond", r.Problem().GetProperty("limit").GetString());
        });
        Assert.Equal(HttpStatusCode.OK, other.Status);
        var usage = await Client.UsageAsync(TenantServer.AdminKey, "requests");
        Assert.Equal(refused.Count, usage["rateLimited"]);
        Assert.Equal(31, usage["requests"]);
    }

    [Fact]
    public async Task WithItsTransformTimeSpent_ASourceGets429sForTransforms_ButItsCachedVariantsAreServed()
    {
        var first = await Client.GetReplyAsync("/img/transforms/colorful-cups.jpg?w=900&q=95");
        var replies = new List<Reply>();
        for (var i = 0; i < 6; i++)
        {
            replies.Add(await Client.GetReplyAsync($"/img/transforms/colorful-cups.jpg?w={901 + i}&q=95"));
        }

        var cached = await Client.GetReplyAsync("/img/transforms/colorful-cups.jpg?w=900&q=95");
        var other = await Client.GetReplyAsync("/img/local/colorful-cups.jpg?w=901&q=95");

        Assert.Equal(HttpStatusCode.OK, first.Status);
        var refused = replies.Where(r => r.Status == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(refused);
        Assert.All(refused, r => Assert.Equal("Sources:transforms:RateLimit:TransformSecondsPerSecond", r.Problem().GetProperty("limit").GetString()));
        Assert.All(refused, r => Assert.True(int.Parse(r.Header("Retry-After")!, CultureInfo.InvariantCulture) >= 1));
        Assert.Equal(HttpStatusCode.OK, cached.Status);
        Assert.Equal("hit-l1", cached.CacheTier());
        Assert.Equal(HttpStatusCode.OK, other.Status);
    }

    public sealed class LimitedServer : ServerFixture
    {
        protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
        {
            ["MediaEdge:Admin:Keys:0"] = TenantServer.AdminKey,
            ["MediaEdge:Sources:requests:Root"] = MediaFolder.Shared.Root,
            ["MediaEdge:Sources:requests:RateLimit:RequestsPerSecond"] = "2",
            ["MediaEdge:Sources:transforms:Root"] = MediaFolder.Shared.Root,
            ["MediaEdge:Sources:transforms:RateLimit:TransformSecondsPerSecond"] = "0.01",
        };
    }
}
