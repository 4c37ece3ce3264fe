using MediaEdge.Caching;
using MediaEdge.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MediaEdge.IntegrationTests.Caching;

/// <summary>
/// Fresh, stale-while-revalidate and stale-if-error (RFC 5861) as a client sees them, on a node whose clock is a
/// <see cref="FakeTimeProvider"/>: fresh for 60 s, then 30 s served stale while one request revalidates, and served stale
/// for up to 300 s past freshness while the origin fails. The origin is a counting folder origin the test can change or break.
/// </summary>
public sealed class FreshnessWindowTests() : CountedNodeTest("solo")
{
    private const string Key = CountedNode.Key;
    private const string Url = "/img/counted/" + Key + "?w=120&fm=webp";
    private const string CacheControlFresh = "public, max-age=60, stale-while-revalidate=30, stale-if-error=300";
    private const string CacheControlStale = "public, max-age=0, stale-while-revalidate=30, stale-if-error=300";
    private static readonly TimeSpan RevalidationLimit = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Fresh_IsServedFromL1WithoutAskingTheOrigin_AndMaxAgeCountsDown()
    {
        var first = await Node.GetAsync(Url);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal("miss", first.CacheTier());
        Assert.Equal(CacheControlFresh, first.Header("Cache-Control"));

        Clock.Advance(TimeSpan.FromSeconds(20));
        var later = await Node.GetAsync(Url);

        Assert.Equal("hit-l1", later.CacheTier());
        Assert.Equal(40, later.MaxAge());
        Assert.Equal(first.Header("ETag"), later.Header("ETag"));

        Clock.Advance(TimeSpan.FromSeconds(39.5));
        var last = await Node.GetAsync(Url);

        Assert.Equal("hit-l1", last.CacheTier());
        Assert.Equal(1, last.MaxAge());
        Assert.Equal((1, 1, 1L), (Origin.Stats, Origin.Reads, Node.Transforms));
    }

    [Fact]
    public async Task WithinStaleWhileRevalidate_UnchangedSource_IsServedStaleAtOnce_ThenFreshWithoutATransform()
    {
        var first = await Node.GetAsync(Url);
        Clock.Advance(TimeSpan.FromSeconds(70));
        var slowOrigin = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Origin.Hold = slowOrigin.Task;

        // Answered while the origin has not replied to the revalidation yet.
        var stale = await Node.GetAsync(Url);

        Assert.Equal(HttpStatusCode.OK, stale.Status);
        Assert.Equal("stale", stale.CacheTier());
        Assert.Equal(CacheControlStale, stale.Header("Cache-Control"));
        Assert.Equal(first.Header("ETag"), stale.Header("ETag"));
        Assert.Equal(first.Body, stale.Body);
        await Eventually.UntilAsync(() => Origin.Stats == 2, "the background revalidation to reach the origin", RevalidationLimit);

        Origin.Hold = null;
        slowOrigin.SetResult();
        await WaitUntilValidatedAtAsync(Clock.GetUtcNow());
        var fresh = await Node.GetAsync(Url);

        Assert.Equal("hit-l1", fresh.CacheTier());
        Assert.Equal(CacheControlFresh, fresh.Header("Cache-Control"));
        Assert.Equal(first.Header("ETag"), fresh.Header("ETag"));
        Assert.Equal(1, Node.Services.GetRequiredService<ImageService>().BackgroundRevalidations);
        Assert.Equal((2, 1, 1L), (Origin.Stats, Origin.Reads, Node.Transforms));
    }

    [Fact]
    public async Task WithinStaleWhileRevalidate_ChangedSource_IsServedStale_ThenTheNewBytes()
    {
        var first = await Node.GetAsync(Url);
        File.Copy(Path.Combine(MediaFolder.Shared.Root, "colorful-cups.jpg"), Path.Combine(Folder, Key), overwrite: true);
        Clock.Advance(TimeSpan.FromSeconds(75));

        var stale = await Node.GetAsync(Url);
        await WaitUntilValidatedAtAsync(Clock.GetUtcNow());
        var changed = await Node.GetAsync(Url);

        Assert.Equal("stale", stale.CacheTier());
        Assert.Equal(first.Body, stale.Body);
        Assert.Equal(HttpStatusCode.OK, changed.Status);
        Assert.Equal("miss", changed.CacheTier());
        Assert.Equal(CacheControlFresh, changed.Header("Cache-Control"));
        Assert.NotEqual(first.Header("ETag"), changed.Header("ETag"));
        Assert.NotEqual(first.Body, changed.Body);
        Assert.Equal((2, 2L), (Origin.Reads, Node.Transforms));
    }

    [Fact]
    public async Task OriginFailing_PastStaleWhileRevalidate_ServesStaleWithinStaleIfError_ThenA502()
    {
        var first = await Node.GetAsync(Url);
        Origin.Failing = true;

        Clock.Advance(TimeSpan.FromSeconds(75));
        var duringRevalidate = await Node.GetAsync(Url);
        var resolver = Node.Services.GetRequiredService<SourceResolver>();
        await Eventually.UntilAsync(() => resolver.BackgroundRevalidationsSettled == 1, "the failed background revalidation to settle", RevalidationLimit);
        Assert.Equal(2, Origin.Stats);
        Clock.Advance(TimeSpan.FromSeconds(16));
        var pastRevalidate = await Node.GetAsync(Url);
        Clock.Advance(TimeSpan.FromSeconds(359 - 91));
        var lastSecond = await Node.GetAsync(Url);

        Assert.All([duringRevalidate, pastRevalidate, lastSecond], reply =>
        {
            Assert.Equal(HttpStatusCode.OK, reply.Status);
            Assert.Equal("stale", reply.CacheTier());
            Assert.Equal(CacheControlStale, reply.Header("Cache-Control"));
            Assert.Equal(first.Header("ETag"), reply.Header("ETag"));
            Assert.Equal(first.Body, reply.Body);
        });
        Assert.Equal(4, Origin.Stats);

        Clock.Advance(TimeSpan.FromSeconds(1));
        var expired = await Node.GetAsync(Url);

        Assert.Equal(HttpStatusCode.BadGateway, expired.Status);
        expired.Problem();
        Assert.Equal(5, Origin.Stats);

        Origin.Failing = false;
        var recovered = await Node.GetAsync(Url);

        Assert.Equal(HttpStatusCode.OK, recovered.Status);
        Assert.Equal(CacheControlFresh, recovered.Header("Cache-Control"));
        Assert.Equal(first.Header("ETag"), recovered.Header("ETag"));
        Assert.Equal(1L, Node.Transforms);
    }

    [Fact]
    public async Task MissingObject_IsA404_NeitherStaleNorAnOriginFailure()
    {
        await Node.GetAsync(Url);
        File.Delete(Path.Combine(Folder, Key));
        Clock.Advance(TimeSpan.FromSeconds(100));

        var deleted = await Node.GetAsync(Url);
        var neverThere = await Node.GetAsync("/img/counted/nothing-here.jpg?w=120");

        Assert.Equal(HttpStatusCode.NotFound, deleted.Status);
        deleted.Problem();
        Assert.Equal(HttpStatusCode.NotFound, neverThere.Status);
        neverThere.Problem();
    }

    /// <summary>Waits (bounded) until the node's stored state of the photo says it was validated at <paramref name="at"/>.</summary>
    private async Task WaitUntilValidatedAtAsync(DateTimeOffset at)
    {
        var versions = Node.Services.GetRequiredService<SourceVersions>();
        var states = Node.Services.GetRequiredService<SourceStates>();
        var id = SourceVersions.IdOf("counted", Key);
        await Eventually.UntilAsync(async () => (await states.GetAsync(id, await versions.GetAsync(id)))?.ValidatedAt == at, "the background revalidation", RevalidationLimit);
    }
}
