namespace MediaEdge.IntegrationTests.Origins.S3;

/// <summary>
/// An S3 store that goes down (s3rver stopped: connections refused): as for an HTTP origin, a cached variant is served
/// stale within stale-if-error and anything else is a 502 origin-failed problem; so is a store answering 503 (after the
/// SDK's two retries). Source bytes are not kept (Cache:SourceSeconds=0).
/// </summary>
public sealed class S3OutageTests : IAsyncLifetime
{
    private const string Source = "bucket";
    private readonly S3Backend _backend = new();
    private MediaEdgeServer? _edge;

    private MediaEdgeServer Edge => _edge ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        await _backend.InitializeAsync();
        var settings = new Dictionary<string, string?>(_backend.SourceSettings(Source)) { ["MediaEdge:Cache:SourceSeconds"] = "0" };
        _edge = await MediaEdgeServer.StartAsync(ServerOptions.Shield(settings));
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (_edge is not null)
            {
                await _edge.DisposeAsync();
            }
        }
        finally
        {
            await _backend.DisposeAsync();
        }
    }

    [Fact]
    public async Task Img_StoreStopped_CachedVariantIsServedStale_UncachedIs502()
    {
        await _backend.PutAsync("photo.jpg", SampleBytes.Media("small.jpg"), "image/jpeg");
        var cached = await Edge.GetAsync($"/img/{Source}/photo.jpg?w=200&fm=png");
        Assert.Equal(HttpStatusCode.OK, cached.Status);

        await _backend.StopAsync();
        Edge.Clock.Advance(TimeSpan.FromSeconds(Freshness.Shield.FreshSeconds + 1));
        var stale = await Edge.GetAsync($"/img/{Source}/photo.jpg?w=200&fm=png");
        var uncachedVariant = await Edge.GetAsync($"/img/{Source}/photo.jpg?w=120&fm=png");
        var uncachedKey = await Edge.GetAsync($"/img/{Source}/other.jpg?w=200&fm=png");

        Assert.Equal((HttpStatusCode.OK, "stale"), (stale.Status, stale.Tier()));
        Assert.Equal(cached.Body, stale.Body);
        Assert.Equal((200, 125), Pixels.Size(stale.Body));
        AssertOriginFailed(uncachedVariant);
        AssertOriginFailed(uncachedKey);
        Assert.Equal(1, Edge.Transforms);
    }

    [Fact]
    public async Task Img_StoreAnswering503_Is502_AfterTheSdksRetries()
    {
        await using var store = await HttpTestOrigin.StartAsync();
        var photo = store.Put($"{S3Backend.Bucket}/photo.jpg", SampleBytes.Media("small.jpg"), "image/jpeg");
        photo.FailWith = 503;
        var settings = new Dictionary<string, string?>(_backend.SourceSettings("down"))
        {
            ["MediaEdge:Sources:down:ServiceUrl"] = store.BaseAddress.GetLeftPart(UriPartial.Authority),
        };
        await using var edge = await MediaEdgeServer.StartAsync(ServerOptions.Shield(settings));

        var reply = await edge.GetAsync("/img/down/photo.jpg?w=100&fm=png");

        AssertOriginFailed(reply);
        Assert.Equal(3, photo.Requests);
    }

    private static void AssertOriginFailed(Reply reply)
    {
        Assert.Equal(HttpStatusCode.BadGateway, reply.Status);
        Assert.Equal("urn:mediaedge:problem:origin-failed", reply.Problem().GetProperty("type").GetString());
    }
}
