using MediaEdge.Caching;
using MediaEdge.Diagnostics;
using MediaEdge.IntegrationTests.Hosting;
using MediaEdge.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MediaEdge.IntegrationTests.Caching;

/// <summary>
/// One MediaEdge node for the cache tests: the real host (<see cref="MediaEdgeHost.Build"/>) on Kestrel, loopback port 0,
/// with its own L1, the project's Media/ folder as <c>local</c>, the given settings and services, and a recorder on its own meter.
/// </summary>
public sealed class CacheNode : IAsyncDisposable
{
    public const string Transforms = "mediaedge.transforms";
    public const string OriginReads = "mediaedge.origin.reads";

    private readonly WebApplication _app;

    private CacheNode(WebApplication app, string name)
    {
        _app = app;
        Name = name;
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        Client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(60) };
        Metrics = new MeterRecorder(app.Services.GetRequiredService<MediaEdgeMetrics>().Meter);
    }

    /// <summary>The checked-in test media, as copied to the test output.</summary>
    public static string MediaRoot => Path.Combine(AppContext.BaseDirectory, "Media");

    public string Name { get; }

    public HttpClient Client { get; }

    public MeterRecorder Metrics { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>This node's L2, or null when it runs without Redis.</summary>
    public RedisTier? Redis => Services.GetRequiredService<RedisHolder>().Tier;

    public long TransformCount => Metrics.Total(Transforms);

    public long OriginReadCount => Metrics.Total(OriginReads);

    /// <param name="settings">Configuration keys (MediaEdge:Cache:FreshSeconds = 60 …); they override the defaults here.</param>
    /// <param name="services">Replaces or adds services (a TimeProvider, a NamedOrigin) before the host registers its own.</param>
    public static async Task<CacheNode> StartAsync(string name, IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        var defaults = new Dictionary<string, string?>
        {
            ["MediaEdge:Sources:local:Kind"] = "FileSystem",
            ["MediaEdge:Sources:local:Root"] = MediaRoot,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:MediaEdge.Caching.RedisTier"] = "Error",
        };
        var app = MediaEdgeHost.Build(["--urls=http://127.0.0.1:0", $"--contentRoot={AppContext.BaseDirectory}"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(defaults);
            builder.Configuration.AddInMemoryCollection(settings);
            services?.Invoke(builder.Services);
        });
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new CacheNode(app, name);
    }

    /// <summary>GET with a fixed Accept, so every node negotiates the same variant.</summary>
    public Task<Reply> GetAsync(string pathAndQuery) => Client.GetReplyAsync(pathAndQuery, "image/webp,image/*");

    public async Task<Reply> PurgeAsync(string sourceAndKey, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/purge/" + sourceAndKey);
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        }

        return await Client.SendReplyAsync(request);
    }

    public override string ToString() => Name + " " + Client.BaseAddress;

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Metrics.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
