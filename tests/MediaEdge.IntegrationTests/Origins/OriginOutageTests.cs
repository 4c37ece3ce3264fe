using MediaEdge.IntegrationTests.Shield;

namespace MediaEdge.IntegrationTests.Origins;

/// <summary>
/// An HTTP origin that goes down (stopped, or answering 503): what was cached is served stale within stale-if-error,
/// with <c>Server-Timing: cache;desc=stale</c>; what was not is a 502 problem; past the window the stale copy is gone too.
/// Source bytes are not kept in L1 (Cache:SourceSeconds=0), so a new variant needs the origin.
/// </summary>
public sealed class OriginOutageTests : ShieldTest
{

    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?> { ["MediaEdge:Cache:SourceSeconds"] = "0" };

    [Fact]
    public async Task Img_OriginStopped_CachedVariantIsServedStale_UncachedVariantIs502()
    {
        Origin.Put("photo.jpg", SampleBytes.Media("small.jpg"), "image/jpeg").ETag = "\"p1\"";
        var cached = await Edge.GetAsync("/img/web/photo.jpg?w=200&fm=png");
        Assert.Equal(HttpStatusCode.OK, cached.Status);

        await Origin.StopAsync();
        PastFreshness();
        var stale = await Edge.GetAsync("/img/web/photo.jpg?w=200&fm=png");
        var uncachedVariant = await Edge.GetAsync("/img/web/photo.jpg?w=120&fm=png");
        var uncachedKey = await Edge.GetAsync("/img/web/other.jpg?w=200&fm=png");

        AssertServedStale(stale, cached.Body);
        Assert.Equal(cached.Header("ETag"), stale.Header("ETag"));
        Assert.Equal((200, 125), Pixels.Size(stale.Body));
        AssertOriginFailed(uncachedVariant);
        AssertOriginFailed(uncachedKey);

        Edge.Clock.Advance(TimeSpan.FromSeconds(Freshness.Shield.StaleIfErrorSeconds));
        AssertOriginFailed(await Edge.GetAsync("/img/web/photo.jpg?w=200&fm=png"));
    }

    [Fact]
    public async Task Img_OriginAnswering503_CachedVariantIsServedStale_UncachedVariantIs502()
    {
        var photo = Origin.Put("photo.jpg", SampleBytes.Media("small.jpg"), "image/jpeg");
        photo.ETag = "\"p1\"";
        var cached = await Edge.GetAsync("/img/web/photo.jpg?w=200&fm=webp");

        photo.FailWith = 503;
        PastFreshness();
        var stale = await Edge.GetAsync("/img/web/photo.jpg?w=200&fm=webp");
        var uncached = await Edge.GetAsync("/img/web/photo.jpg?w=100&fm=webp");

        AssertServedStale(stale, cached.Body);
        AssertOriginFailed(uncached);
        Assert.Equal(1, Edge.Transforms);
    }

    [Fact]
    public async Task O_OriginAnswering503_StoredOriginalIsServedStale_UnstoredGetsTheOrigins503()
    {
        var body = SampleBytes.Noise(4096, seed: 1);
        var stored = Origin.Put("doc.bin", body);
        stored.ETag = "\"d1\"";
        Origin.Put("other.bin", body).FailWith = 503;
        var first = await Edge.GetAsync("/o/web/doc.bin");
        Assert.Equal((HttpStatusCode.OK, "miss"), (first.Status, first.Tier()));

        stored.FailWith = 503;
        PastFreshness();
        var stale = await Edge.GetAsync("/o/web/doc.bin");
        var unstored = await Edge.GetAsync("/o/web/other.bin");

        AssertServedStale(stale, body);
        Assert.Equal(Freshness.Shield.FreshSeconds + 1, int.Parse(stale.Header("Age")!, System.Globalization.CultureInfo.InvariantCulture));
        AssertOriginsAnswerPassedOn(unstored, HttpStatusCode.ServiceUnavailable);
        Assert.Equal(2, stored.Gets);

        Edge.Clock.Advance(TimeSpan.FromSeconds(Freshness.Shield.StaleIfErrorSeconds));
        AssertOriginsAnswerPassedOn(await Edge.GetAsync("/o/web/doc.bin"), HttpStatusCode.ServiceUnavailable);
    }

    [Theory]
    [InlineData("max-age=10", 11, false)]
    [InlineData("max-age=10, stale-if-error=100", 50, true)]
    [InlineData("max-age=10, stale-if-error=100", 111, false)]
    [InlineData("max-age=10, stale-if-error=100, must-revalidate", 11, false)]
    [InlineData("no-cache, max-age=600, stale-if-error=600", 1, false)]
    public async Task O_OriginAnswering503_StaleIfErrorIsTheOriginsWhenItSentCacheControl(string cacheControl, int secondsLater, bool servedStale)
    {
        var body = SampleBytes.Noise(1024, seed: 2);
        var doc = Origin.Put("doc.bin", body);
        doc.ETag = "\"d2\"";
        doc.CacheControl = cacheControl;
        await Edge.GetAsync("/o/web/doc.bin");

        doc.FailWith = 503;
        Edge.Clock.Advance(TimeSpan.FromSeconds(secondsLater));
        var reply = await Edge.GetAsync("/o/web/doc.bin");

        if (servedStale)
        {
            Assert.Equal((HttpStatusCode.OK, "stale"), (reply.Status, reply.Tier()));
            Assert.Equal(body, reply.Body);
        }
        else
        {
            AssertOriginsAnswerPassedOn(reply, HttpStatusCode.ServiceUnavailable);
        }
    }

    /// <summary>Moves the node's clock one second past the origin's freshness window.</summary>
    private void PastFreshness() => Edge.Clock.Advance(TimeSpan.FromSeconds(Freshness.Shield.FreshSeconds + 1));

    /// <summary>A 200 served stale, with the body the cache stored.</summary>
    private static void AssertServedStale(Reply reply, byte[] body)
    {
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("stale", reply.Tier());
        Assert.Equal(body, reply.Body);
    }

    /// <summary>/o/ is a shared cache: an origin's error status reaches the client as the origin sent it (RFC 9111 §3: not stored without freshness).</summary>
    private static void AssertOriginsAnswerPassedOn(Reply reply, HttpStatusCode status)
    {
        Assert.Equal((status, "pass"), (reply.Status, reply.Tier()));
    }

    private static void AssertOriginFailed(Reply reply)
    {
        Assert.Equal(HttpStatusCode.BadGateway, reply.Status);
        Assert.Equal("urn:mediaedge:problem:origin-failed", reply.Problem().GetProperty("type").GetString());
    }
}
