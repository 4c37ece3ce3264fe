using MediaEdge.IntegrationTests.Origins;

namespace MediaEdge.IntegrationTests.Shield;

/// <summary>
/// Base of the /o/ tests: per test, an <see cref="HttpTestOrigin"/> as source <c>web</c> and a MediaEdge host on one fake
/// clock, which also stamps the origin's Date header, so ages and lifetimes are exact to the second.
/// </summary>
public abstract class ShieldTest : IAsyncLifetime
{
    private HttpTestOrigin? _origin;
    private MediaEdgeServer? _edge;

    protected HttpTestOrigin Origin => _origin ?? throw new InvalidOperationException("Not started.");

    protected MediaEdgeServer Edge => _edge ?? throw new InvalidOperationException("Not started.");

    /// <summary>Configuration besides the source, for this class's host.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        var clock = MediaEdgeServer.NewClock();
        _origin = await HttpTestOrigin.StartAsync(clock);
        var settings = MediaEdgeServer.HttpSource("web", _origin.BaseAddress);
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }

        try
        {
            _edge = await MediaEdgeServer.StartAsync(ServerOptions.Shield(settings, clock));
        }
        catch
        {
            await _origin.DisposeAsync();
            throw;
        }
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
            if (_origin is not null)
            {
                await _origin.DisposeAsync();
            }
        }
    }

    /// <summary>GET /o/web/{key}.</summary>
    protected Task<Reply> GetAsync(string key, params (string Name, string Value)[] headers) => Edge.GetAsync("/o/web/" + key, headers);

    /// <summary>Puts <paramref name="body"/> at <paramref name="key"/> with <paramref name="etag"/>, fresh for 600 s and last modified a day ago; gives that Last-Modified.</summary>
    protected DateTimeOffset PutValidated(string key, byte[] body, string etag)
    {
        var lastModified = Edge.Clock.GetUtcNow().AddDays(-1);
        var resource = Origin.Put(key, body);
        resource.ETag = etag;
        resource.LastModified = lastModified;
        resource.CacheControl = "public, max-age=600";
        return lastModified;
    }

    protected void Advance(double seconds) => Edge.Clock.Advance(TimeSpan.FromSeconds(seconds));

    protected static int? Age(Reply reply) => reply.Header("Age") is { } age ? int.Parse(age, CultureInfo.InvariantCulture) : null;
}
