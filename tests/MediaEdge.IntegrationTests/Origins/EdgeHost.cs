using MediaEdge.Diagnostics;
using MediaEdge.IntegrationTests.Hosting;
using MediaEdge.Origins;
using MediaEdge.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MediaEdge.IntegrationTests.Origins;

/// <summary>
/// MediaEdge as built by <see cref="MediaEdgeHost.Build"/>, on Kestrel at 127.0.0.1 port 0, with a <see cref="FakeTimeProvider"/>
/// as its clock and a recorder on its own meter. Fresh for 60 s, no stale-while-revalidate (revalidation happens in the
/// request), stale-if-error for 600 s, unless the test's settings say otherwise.
/// </summary>
public sealed class EdgeHost : IAsyncDisposable
{
    public const int FreshSeconds = 60;
    public const int StaleIfErrorSeconds = 600;

    private readonly WebApplication _app;

    private EdgeHost(WebApplication app, FakeTimeProvider clock)
    {
        _app = app;
        Clock = clock;
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        Client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false }) { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
        Metrics = new MeterRecorder(app.Services.GetRequiredService<MediaEdgeMetrics>().Meter);
    }

    public FakeTimeProvider Clock { get; }

    public HttpClient Client { get; }

    public MeterRecorder Metrics { get; }

    /// <summary>Images the engine decoded and rendered (mediaedge.transforms on this host's meter).</summary>
    public long Transforms => Metrics.Total("mediaedge.transforms");

    public IServiceProvider Services => _app.Services;

    /// <param name="settings">Configuration keys such as <c>MediaEdge:Sources:web:Kind</c>; they override the defaults.</param>
    /// <param name="clock">The clock to run on; a new one at the current whole second where null.</param>
    public static async Task<EdgeHost> StartAsync(IReadOnlyDictionary<string, string?> settings, FakeTimeProvider? clock = null)
    {
        clock ??= NewClock();
        var defaults = new Dictionary<string, string?>
        {
            ["MediaEdge:Cache:FreshSeconds"] = FreshSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["MediaEdge:Cache:StaleWhileRevalidateSeconds"] = "0",
            ["MediaEdge:Cache:StaleIfErrorSeconds"] = StaleIfErrorSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:MediaEdge.Server.Endpoints.ProblemMiddleware"] = "Error",
        };
        var app = MediaEdgeHost.Build(["--urls=http://127.0.0.1:0", $"--contentRoot={AppContext.BaseDirectory}"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(defaults);
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Services.AddSingleton<TimeProvider>(clock);
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

        return new EdgeHost(app, clock);
    }

    /// <summary>A fake clock at the current time, truncated to the second, as HTTP dates are.</summary>
    public static FakeTimeProvider NewClock()
    {
        var now = DateTimeOffset.UtcNow;
        return new FakeTimeProvider(new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero));
    }

    /// <summary>Settings for an HTTP source that may reach the tests' own loopback origin (the only one that sets AllowPrivateNetworks).</summary>
    public static Dictionary<string, string?> HttpSource(string name, Uri baseUrl) => new()
    {
        [$"MediaEdge:Sources:{name}:Kind"] = "Http",
        [$"MediaEdge:Sources:{name}:BaseUrl"] = baseUrl.ToString(),
        [$"MediaEdge:Sources:{name}:AllowPrivateNetworks"] = "true",
    };

    /// <summary>The origin the service built for a configured source.</summary>
    public IOrigin Origin(string source) => Services.GetRequiredService<OriginRegistry>().Get(source);

    public Task<Reply> GetAsync(string pathAndQuery, params (string Name, string Value)[] headers) =>
        Client.SendReplyAsync(HttpMethod.Get, pathAndQuery, null, headers);

    public Task<Reply> HeadAsync(string pathAndQuery, params (string Name, string Value)[] headers) =>
        Client.SendReplyAsync(HttpMethod.Head, pathAndQuery, null, headers);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Metrics.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
