using System.Collections.Concurrent;
using MediaEdge.Diagnostics;
using MediaEdge.Imaging;
using MediaEdge.IntegrationTests.TestMedia;
using MediaEdge.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MediaEdge.IntegrationTests.Hosting;

/// <summary>
/// The real service, built by <see cref="MediaEdgeHost.Build"/> and served by Kestrel on a loopback port 0,
/// with <see cref="MediaFolder"/> as its <c>local</c> source and a recorder on its own meter. It runs as a single
/// node (no Redis) that takes unsigned URLs, whatever the repository's appsettings.json says.
/// </summary>
public sealed class MediaEdgeServer : IAsyncDisposable
{
    /// <summary>Freshness settings every test host runs with, so tests can check they reach Cache-Control.</summary>
    public const int FreshSeconds = 600;
    public const int StaleWhileRevalidateSeconds = 120;
    public const int StaleIfErrorSeconds = 7200;

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _failures = new();

    private MediaEdgeServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        Metrics = new MeterRecorder(app.Services.GetRequiredService<MediaEdgeMetrics>().Meter);
    }

    public Uri BaseAddress { get; }

    public MeterRecorder Metrics { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Every server failure any client of this server saw.</summary>
    public IReadOnlyCollection<string> Failures => _failures;

    /// <param name="settings">Extra configuration, as <c>MediaEdge:Limits:MaxSourcePixels</c> = value; it overrides the defaults below.</param>
    /// <param name="services">Extra services, such as an origin supplied in code (<see cref="MediaEdge.Origins.NamedOrigin"/>).</param>
    /// <param name="engine">The image engine to render with; the configured default where null.</param>
    public static async Task<MediaEdgeServer> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, Engine? engine = null)
    {
        var media = MediaFolder.Shared;
        string[] engineArgs = engine is null ? [] : [$"--MediaEdge:Imaging:Engine={engine.Name}"];
        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            $"--contentRoot={AppContext.BaseDirectory}",
            $"--MediaEdge:Sources:local:Root={media.Root}",
            $"--MediaEdge:Cache:FreshSeconds={FreshSeconds}",
            $"--MediaEdge:Cache:StaleWhileRevalidateSeconds={StaleWhileRevalidateSeconds}",
            $"--MediaEdge:Cache:StaleIfErrorSeconds={StaleIfErrorSeconds}",
            "--MediaEdge:Cache:Redis:Configuration=",
            "--MediaEdge:Security:RequireSignature=false",
            "--Logging:LogLevel:Default=Warning",
            .. engineArgs,
        ];
        var app = MediaEdgeHost.Build(args, builder =>
        {
            if (settings is not null)
            {
                builder.Configuration.AddInMemoryCollection(settings);
            }

            services?.Invoke(builder.Services);
        });
        var rendering = app.Services.GetRequiredService<IImageEngine>().Name;
        if (engine is not null && rendering != engine.Name)
        {
            // A suite that believes it tests vips while imagesharp answers would pass on a broken build.
            await app.DisposeAsync();
            throw new InvalidOperationException($"The server was asked for the '{engine.Name}' engine but renders with '{rendering}'.");
        }

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new MediaEdgeServer(app, new Uri(address));
    }

    /// <summary>A client whose responses are checked for server failures; the caller disposes it.</summary>
    public HttpClient CreateClient(out StatusGuard guard)
    {
        guard = new StatusGuard(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) }, _failures);
        return new HttpClient(guard, disposeHandler: true) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public async ValueTask DisposeAsync()
    {
        Metrics.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
