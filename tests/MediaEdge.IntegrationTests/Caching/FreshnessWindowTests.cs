using System.Diagnostics;
using System.Net;
using MediaEdge.Caching;
using MediaEdge.Origins;
using MediaEdge.Requests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MediaEdge.IntegrationTests.Caching;

/// <summary>
/// Fresh, stale-while-revalidate and stale-if-error (RFC 5861) as a client sees them, on a node whose clock is a
/// <see cref="FakeTimeProvider"/>: fresh for 60 s, then 30 s served stale while one request revalidates, and served stale
/// for up to 300 s past freshness while the origin fails. The origin is a counting folder origin the test can change or break.
/// </summary>
public sealed class FreshnessWindowTests : IAsyncLifetime
{
    private const string Key = "photo.jpg";
    private const string Url = "/img/counted/" + Key + "?w=120&fm=webp";
    private const string CacheControlFresh = "public, max-age=60, stale-while-revalidate=30, stale-if-error=300";
    private const string CacheControlStale = "public, max-age=0, stale-while-revalidate=30, stale-if-error=300";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mediaedge-fresh-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private CountingOrigin? _origin;
    private CacheNode? _node;

    private CountingOrigin Origin => _origin ?? throw new InvalidOperationException("Not initialized.");

    private CacheNode Node => _node ?? throw new InvalidOperationException("Not initialized.");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        File.Copy(Path.Combine(CacheNode.MediaRoot, "small.jpg"), Path.Combine(_folder, Key));
        _origin = new CountingOrigin("counted", _folder);
        var settings = new Dictionary<string, string?>
        {
            ["MediaEdge:Cache:FreshSeconds"] = "60",
            ["MediaEdge:Cache:StaleWhileRevalidateSeconds"] = "30",
            ["MediaEdge:Cache:StaleIfErrorSeconds"] = "300",
        };
        _node = await CacheNode.StartAsync("solo", settings, services =>
        {
            services.AddSingleton<TimeProvider>(_clock);
            services.AddSingleton(new NamedOrigin("counted", _origin));
        });
    }

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }

        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Fresh_IsServedFromL1WithoutAskingTheOrigin_AndMaxAgeCountsDown()
    {
        var first = await Node.GetAsync(Url);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal("miss", first.CacheTier());
        Assert.Equal(CacheControlFresh, first.Header("Cache-Control"));

        _clock.Advance(TimeSpan.FromSeconds(20));
        var later = await Node.GetAsync(Url);

        Assert.Equal("hit-l1", later.CacheTier());
        Assert.Equal(40, later.MaxAge());
        Assert.Equal(first.Header("ETag"), later.Header("ETag"));

        _clock.Advance(TimeSpan.FromSeconds(39.5));
        var last = await Node.GetAsync(Url);

        Assert.Equal("hit-l1", last.CacheTier());
        Assert.Equal(1, last.MaxAge());
        Assert.Equal((1, 1, 1L), (Origin.Stats, Origin.Reads, Node.TransformCount));
    }

    [Fact]
    public async Task WithinStaleWhileRevalidate_UnchangedSource_IsServedStaleAtOnce_ThenFreshWithoutATransform()
    {
        var first = await Node.GetAsync(Url);
        _clock.Advance(TimeSpan.FromSeconds(70));
        var slowOrigin = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Origin.Hold = slowOrigin.Task;

        // Answered while the origin has not replied to the revalidation yet.
        var stale = await Node.GetAsync(Url);

        Assert.Equal(HttpStatusCode.OK, stale.Status);
        Assert.Equal("stale", stale.CacheTier());
        Assert.Equal(CacheControlStale, stale.Header("Cache-Control"));
        Assert.Equal(first.Header("ETag"), stale.Header("ETag"));
        Assert.Equal(first.Body, stale.Body);
        await WaitUntilAsync(() => Origin.Stats == 2, "the background revalidation to reach the origin");

        Origin.Hold = null;
        slowOrigin.SetResult();
        await WaitUntilValidatedAtAsync(_clock.GetUtcNow());
        var fresh = await Node.GetAsync(Url);

        Assert.Equal("hit-l1", fresh.CacheTier());
        Assert.Equal(CacheControlFresh, fresh.Header("Cache-Control"));
        Assert.Equal(first.Header("ETag"), fresh.Header("ETag"));
        Assert.Equal(1, Node.Services.GetRequiredService<ImageService>().BackgroundRevalidations);
        Assert.Equal((2, 1, 1L), (Origin.Stats, Origin.Reads, Node.TransformCount));
    }

    [Fact]
    public async Task WithinStaleWhileRevalidate_ChangedSource_IsServedStale_ThenTheNewBytes()
    {
        var first = await Node.GetAsync(Url);
        File.Copy(Path.Combine(CacheNode.MediaRoot, "colorful-cups.jpg"), Path.Combine(_folder, Key), overwrite: true);
        _clock.Advance(TimeSpan.FromSeconds(75));

        var stale = await Node.GetAsync(Url);
        await WaitUntilValidatedAtAsync(_clock.GetUtcNow());
        var changed = await Node.GetAsync(Url);

        Assert.Equal("stale", stale.CacheTier());
        Assert.Equal(first.Body, stale.Body);
        Assert.Equal(HttpStatusCode.OK, changed.Status);
        Assert.Equal("miss", changed.CacheTier());
        Assert.Equal(CacheControlFresh, changed.Header("Cache-Control"));
        Assert.NotEqual(first.Header("ETag"), changed.Header("ETag"));
        Assert.NotEqual(first.Body, changed.Body);
        Assert.Equal((2, 2L), (Origin.Reads, Node.TransformCount));
    }

    [Fact]
    public async Task OriginFailing_PastStaleWhileRevalidate_ServesStaleWithinStaleIfError_ThenA502()
    {
        var first = await Node.GetAsync(Url);
        Origin.Failing = true;

        _clock.Advance(TimeSpan.FromSeconds(75));
        var duringRevalidate = await Node.GetAsync(Url);
        await WaitUntilAsync(() => Origin.Stats == 2, "the failed background revalidation");
        _clock.Advance(TimeSpan.FromSeconds(16));
        var pastRevalidate = await Node.GetAsync(Url);
        _clock.Advance(TimeSpan.FromSeconds(359 - 91));
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

        _clock.Advance(TimeSpan.FromSeconds(1));
        var expired = await Node.GetAsync(Url);

        Assert.Equal(HttpStatusCode.BadGateway, expired.Status);
        expired.Problem();
        Assert.Equal(5, Origin.Stats);

        Origin.Failing = false;
        var recovered = await Node.GetAsync(Url);

        Assert.Equal(HttpStatusCode.OK, recovered.Status);
        Assert.Equal(CacheControlFresh, recovered.Header("Cache-Control"));
        Assert.Equal(first.Header("ETag"), recovered.Header("ETag"));
        Assert.Equal(1L, Node.TransformCount);
    }

    [Fact]
    public async Task MissingObject_IsA404_NeitherStaleNorAnOriginFailure()
    {
        await Node.GetAsync(Url);
        File.Delete(Path.Combine(_folder, Key));
        _clock.Advance(TimeSpan.FromSeconds(100));

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
        await WaitUntilAsync(async () => (await states.GetAsync(id, await versions.GetAsync(id)))?.ValidatedAt == at, "the background revalidation");
    }

    private static Task WaitUntilAsync(Func<bool> condition, string what) => WaitUntilAsync(() => Task.FromResult(condition()), what);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(5), $"Waited 5 s for {what}.");
            await Task.Delay(10);
        }
    }
}
