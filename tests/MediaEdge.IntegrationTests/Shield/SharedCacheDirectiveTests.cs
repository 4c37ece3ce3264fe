using System.Text;
using MediaEdge.IntegrationTests.Origins;

namespace MediaEdge.IntegrationTests.Shield;

/// <summary>
/// /o/ as an RFC 9111 shared cache in front of the HTTP test origin: the origin's Cache-Control, Expires, Age and Vary
/// decide what is stored and for how long, measured on the fake clock; what a client sees is counted at the origin.
/// </summary>
public sealed class SharedCacheDirectiveTests : ShieldTest
{
    private static readonly byte[] Body = SampleBytes.Noise(2048, seed: 7);

    [Fact]
    public async Task NoStore_IsNeverStored_EveryRequestReachesTheOrigin()
    {
        var doc = Serve("no-store");

        var replies = new[] { await GetAsync("doc.bin"), await GetAsync("doc.bin"), await GetAsync("doc.bin") };

        Assert.All(replies, r => Assert.Equal((HttpStatusCode.OK, "pass"), (r.Status, r.Tier())));
        Assert.All(replies, r => Assert.Equal(Body, r.Body));
        Assert.All(replies, r => Assert.Null(r.Header("Age")));
        Assert.All(replies, r => Assert.Equal("no-store", r.Header("Cache-Control")));
        Assert.Equal((3, 0), (doc.Gets, doc.Conditional));
    }

    [Fact]
    public async Task Private_IsNotStored()
    {
        var doc = Serve("private, max-age=600");

        var first = await GetAsync("doc.bin");
        var second = await GetAsync("doc.bin");

        Assert.Equal(("pass", "pass"), (first.Tier(), second.Tier()));
        Assert.Equal(Body, second.Body);
        Assert.Equal(2, doc.Gets);
    }

    [Fact]
    public async Task MaxAgeOne_IsStaleAfterOneSecondOfFakeTime_ThenRevalidated()
    {
        var doc = Serve("max-age=1");
        var first = await GetAsync("doc.bin");
        Advance(0.9);

        var fresh = await GetAsync("doc.bin");

        Assert.Equal(("miss", "hit-l1"), (first.Tier(), fresh.Tier()));
        Assert.Equal((1, 0), (doc.Gets, doc.Conditional));

        Advance(0.1);
        var stale = await GetAsync("doc.bin");

        Assert.Equal("revalidated", stale.Tier());
        Assert.Equal(Body, stale.Body);
        Assert.Equal((2, 1, 1), (doc.Gets, doc.Conditional, doc.NotModified));
        Assert.Equal("hit-l1", (await GetAsync("doc.bin")).Tier());
        Assert.Equal(2, doc.Gets);
    }

    [Theory]
    [InlineData("max-age=1, s-maxage=30", 29, 30)]
    [InlineData("max-age=30, s-maxage=2", 1, 2)]
    public async Task SMaxAge_WinsOverMaxAge(string cacheControl, int stillFreshAt, int staleAt)
    {
        var doc = Serve(cacheControl);
        await GetAsync("doc.bin");
        Advance(stillFreshAt);

        Assert.Equal("hit-l1", (await GetAsync("doc.bin")).Tier());
        Assert.Equal(1, doc.Gets);

        Advance(staleAt - stillFreshAt);

        Assert.Equal("revalidated", (await GetAsync("doc.bin")).Tier());
        Assert.Equal((2, 1), (doc.Gets, doc.Conditional));
    }

    [Fact]
    public async Task NoCache_IsStoredButRevalidatedBeforeEveryUse()
    {
        var doc = Serve("no-cache, max-age=600");

        var first = await GetAsync("doc.bin");
        var second = await GetAsync("doc.bin");

        Assert.Equal(("miss", "revalidated"), (first.Tier(), second.Tier()));
        Assert.Equal(Body, second.Body);
        Assert.Equal((2, 1, 1), (doc.Gets, doc.Conditional, doc.NotModified));
    }

    [Fact]
    public async Task ExpiresMinusDate_IsTheLifetime_WithoutCacheControl()
    {
        var doc = Serve(null);
        doc.Headers["Expires"] = Edge.Clock.GetUtcNow().AddSeconds(5).ToString("R", CultureInfo.InvariantCulture);
        await GetAsync("doc.bin");
        Advance(4.9);

        Assert.Equal("hit-l1", (await GetAsync("doc.bin")).Tier());

        Advance(0.1);

        Assert.Equal("revalidated", (await GetAsync("doc.bin")).Tier());
        Assert.Equal((2, 1), (doc.Gets, doc.Conditional));
    }

    [Fact]
    public async Task LastModifiedOnly_IsFreshForTenPercentOfItsAge()
    {
        var doc = Serve(null);
        doc.LastModified = Edge.Clock.GetUtcNow().AddSeconds(-200);
        await GetAsync("doc.bin");
        Advance(19.9);

        Assert.Equal("hit-l1", (await GetAsync("doc.bin")).Tier());

        Advance(0.1);

        Assert.Equal("revalidated", (await GetAsync("doc.bin")).Tier());
        Assert.Equal((2, 1), (doc.Gets, doc.Conditional));
    }

    [Fact]
    public async Task OriginSaysNothing_TheConfiguredFreshnessApplies_AndIsAdvertised()
    {
        var doc = Serve(null);

        var first = await GetAsync("doc.bin");
        Advance(Freshness.Shield.FreshSeconds - 0.5);
        var fresh = await GetAsync("doc.bin");
        Advance(0.5);
        var stale = await GetAsync("doc.bin");

        Assert.Equal($"public, max-age={Freshness.Shield.FreshSeconds}, stale-while-revalidate=0, stale-if-error={Freshness.Shield.StaleIfErrorSeconds}", first.Header("Cache-Control"));
        Assert.Equal(("hit-l1", "revalidated"), (fresh.Tier(), stale.Tier()));
        Assert.Equal((2, 1), (doc.Gets, doc.Conditional));
    }

    [Fact]
    public async Task VaryAccept_StoresOneVariantPerAcceptValue_EachWithItsOwnBody()
    {
        var webp = Encoding.ASCII.GetBytes("the webp representation");
        var jpeg = Encoding.ASCII.GetBytes("the jpeg representation, longer");
        var doc = Serve("public, max-age=600");
        doc.Headers["Vary"] = "Accept";
        doc.BodyFor = request => request.Headers.Accept.ToString().Contains("image/webp", StringComparison.Ordinal) ? webp : jpeg;
        (string, string) acceptWebp = ("Accept", "image/webp,*/*"), acceptJpeg = ("Accept", "image/jpeg");

        var firstWebp = await GetAsync("doc.bin", acceptWebp);
        var firstJpeg = await GetAsync("doc.bin", acceptJpeg);
        var againWebp = await GetAsync("doc.bin", acceptWebp);
        var againJpeg = await GetAsync("doc.bin", acceptJpeg);

        Assert.Equal(webp, firstWebp.Body);
        Assert.Equal(jpeg, firstJpeg.Body);
        Assert.Equal(("miss", "miss"), (firstWebp.Tier(), firstJpeg.Tier()));
        Assert.Equal(webp, againWebp.Body);
        Assert.Equal(jpeg, againJpeg.Body);
        Assert.Equal(("hit-l1", "hit-l1"), (againWebp.Tier(), againJpeg.Tier()));
        Assert.All(new[] { firstWebp, firstJpeg, againWebp, againJpeg }, r => Assert.Equal("Accept", r.Header("Vary")));
        Assert.Equal(new[] { "image/webp,*/*", "image/jpeg" }, doc.Accepts);
    }

    [Fact]
    public async Task Vary_OnAnyRequestField_StoresOneVariantPerValue_AndTheOriginSeesTheField()
    {
        var doc = Serve("public, max-age=600");
        doc.Headers["Vary"] = "Cookie";
        doc.BodyFor = request => Encoding.ASCII.GetBytes("for " + request.Headers.Cookie);

        var a = await GetAsync("doc.bin", ("Cookie", "id=a"));
        var againA = await GetAsync("doc.bin", ("Cookie", "id=a"));
        var b = await GetAsync("doc.bin", ("Cookie", "id=b"));

        Assert.Equal(("miss", "hit-l1", "miss"), (a.Tier(), againA.Tier(), b.Tier()));
        Assert.Equal(("for id=a", "for id=a", "for id=b"), (Encoding.ASCII.GetString(a.Body), Encoding.ASCII.GetString(againA.Body), Encoding.ASCII.GetString(b.Body)));
        Assert.Equal(2, doc.Gets);
    }

    [Fact]
    public async Task Age_IsSent_AndGrowsWithTheFakeClock()
    {
        Serve("public, max-age=600");

        var first = await GetAsync("doc.bin");
        Advance(7);
        var second = await GetAsync("doc.bin");
        Advance(100);
        var third = await GetAsync("doc.bin");

        Assert.Equal((0, 7, 107), (Age(first), Age(second), Age(third)));
    }

    [Fact]
    public async Task AgeFromTheOrigin_CountsTowardsFreshness()
    {
        var doc = Serve("public, max-age=600");
        doc.Headers["Age"] = "595";

        var first = await GetAsync("doc.bin");
        Advance(4);
        var fresh = await GetAsync("doc.bin");
        Advance(1);
        var stale = await GetAsync("doc.bin");

        Assert.Equal((595, 599), (Age(first), Age(fresh)));
        Assert.Equal(("hit-l1", "revalidated"), (fresh.Tier(), stale.Tier()));
        Assert.Equal((2, 1), (doc.Gets, doc.Conditional));
    }

    [Fact]
    public async Task NotModifiedFromTheOrigin_RefreshesTheStoredHeaders()
    {
        var doc = Serve("max-age=1");
        var first = await GetAsync("doc.bin");
        doc.CacheControl = "public, max-age=300";
        Advance(1);

        var revalidated = await GetAsync("doc.bin");

        Assert.Equal("max-age=1", first.Header("Cache-Control"));
        Assert.Equal("revalidated", revalidated.Tier());
        Assert.Equal("public, max-age=300", revalidated.Header("Cache-Control"));
        Assert.Equal(Body, revalidated.Body);
        Assert.Equal((2, 1, 1), (doc.Gets, doc.Conditional, doc.NotModified));

        Advance(200);
        var later = await GetAsync("doc.bin");

        Assert.Equal(("hit-l1", "public, max-age=300", 200), (later.Tier(), later.Header("Cache-Control"), Age(later)));
        Assert.Equal(2, doc.Gets);
    }

    [Fact]
    public async Task Authorization_WithoutPermissionFromTheResponse_IsNeverServedFromTheSharedCache()
    {
        var doc = Serve("max-age=600");
        (string, string) auth = ("Authorization", "Bearer user-token");

        var first = await GetAsync("doc.bin", auth);
        var second = await GetAsync("doc.bin", auth);

        Assert.Equal(("pass", "pass"), (first.Tier(), second.Tier()));
        Assert.Equal(2, doc.Gets);

        var anonymous = await GetAsync("doc.bin");
        var anonymousAgain = await GetAsync("doc.bin");
        var authorizedAfterwards = await GetAsync("doc.bin", auth);

        Assert.Equal(("miss", "hit-l1"), (anonymous.Tier(), anonymousAgain.Tier()));
        Assert.Equal("pass", authorizedAfterwards.Tier());
        Assert.Equal(Body, authorizedAfterwards.Body);
        Assert.Equal(4, doc.Gets);
    }

    [Theory]
    [InlineData("public, max-age=600")]
    [InlineData("s-maxage=600")]
    [InlineData("max-age=600, must-revalidate")]
    public async Task Authorization_WithAResponseThatAllowsIt_IsServedFromTheSharedCache(string cacheControl)
    {
        var doc = Serve(cacheControl);
        (string, string) auth = ("Authorization", "Bearer user-token");

        var first = await GetAsync("doc.bin", auth);
        var second = await GetAsync("doc.bin", auth);

        Assert.Equal(("miss", "hit-l1"), (first.Tier(), second.Tier()));
        Assert.Equal(Body, second.Body);
        Assert.Equal(1, doc.Gets);
    }

    private OriginResource Serve(string? cacheControl)
    {
        var doc = Origin.Put("doc.bin", Body);
        doc.ETag = "\"doc-1\"";
        doc.CacheControl = cacheControl;
        return doc;
    }
}
