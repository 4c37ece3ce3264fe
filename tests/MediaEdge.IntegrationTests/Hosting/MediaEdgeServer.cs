using System.Collections.Concurrent;
using MediaEdge.Caching;
using MediaEdge.Diagnostics;
using MediaEdge.Imaging;
using MediaEdge.Imaging.Isolation;
using MediaEdge.Origins;
using MediaEdge.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MediaEdge.IntegrationTests.Hosting;

/// <summary>
/// The real service, built by <see cref="MediaEdgeHost.Build"/> and served by Kestrel on a loopback port 0 (Kestrel
/// binds, then reports the port, so no two servers can race for one), with <see cref="MediaFolder"/> as its <c>local</c>
/// source and a recorder on its own meter. It runs as a single node (no Redis, no disk tier) that takes unsigned URLs, whatever the
/// repository's appsettings.json says, unless <see cref="ServerOptions.Settings"/> say otherwise. Every test starts its
/// servers here.
/// </summary>
public sealed class MediaEdgeServer : IAsyncDisposable
{
    /// <summary>Freshness settings the shared test hosts run with, so tests can check they reach Cache-Control.</summary>
    public const int FreshSeconds = 600;
    public const int StaleWhileRevalidateSeconds = 120;
    public const int StaleIfErrorSeconds = 7200;

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _failures = new();
    private readonly FakeTimeProvider? _clock;
    private readonly Lazy<HttpClient> _client;
    private bool _stopped;

    private MediaEdgeServer(WebApplication app, Uri baseAddress, ServerOptions options)
    {
        _app = app;
        _clock = options.Clock as FakeTimeProvider;
        Name = options.Name ?? baseAddress.Authority;
        BaseAddress = baseAddress;
        Metrics = new MeterRecorder(app.Services.GetRequiredService<MediaEdgeMetrics>().Meter);
        _client = new(() =>
        {
            var client = CreateClient(out _);
            if (options.Accept is not null)
            {
                client.DefaultRequestHeaders.TryAddWithoutValidation("Accept", options.Accept);
            }

            return client;
        });
    }

    /// <summary>The name it was given, else its address.</summary>
    public string Name { get; }

    public Uri BaseAddress { get; }

    public int Port => BaseAddress.Port;

    public MeterRecorder Metrics { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Every server failure any client of this server saw.</summary>
    public IReadOnlyCollection<string> Failures => _failures;

    /// <summary>A client of this server for the test's own requests, guarded like <see cref="CreateClient"/>, disposed with the server.</summary>
    public HttpClient Client => _client.Value;

    /// <summary>The fake clock the server runs on.</summary>
    public FakeTimeProvider Clock => _clock ?? throw new InvalidOperationException($"{Name} runs on the system clock; start it with a FakeTimeProvider as ServerOptions.Clock.");

    /// <summary>Images the engine decoded and rendered (mediaedge.transforms on this server's meter).</summary>
    public long Transforms => Metrics.Total("mediaedge.transforms");

    /// <summary>Whole-object reads from origins (mediaedge.origin.reads on this server's meter).</summary>
    public long OriginReads => Metrics.Total("mediaedge.origin.reads");

    /// <summary>This server's L2, or null when it runs without Redis.</summary>
    public RedisTier? Redis => Services.GetRequiredService<ISharedTier>() as RedisTier;

    /// <param name="settings">Extra configuration, as <c>MediaEdge:Limits:MaxSourcePixels</c> = value; it overrides the defaults below.</param>
    /// <param name="services">Extra services, such as an origin supplied in code (<see cref="NamedOrigin"/>).</param>
    /// <param name="engine">The image engine to render with; the configured default where null.</param>
    public static Task<MediaEdgeServer> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, Engine? engine = null) =>
        StartAsync(new ServerOptions { Settings = settings, Services = services, Engine = engine });

    /// <summary>Builds and starts a server as <paramref name="options"/> say.</summary>
    public static async Task<MediaEdgeServer> StartAsync(ServerOptions options)
    {
        var freshness = options.Freshness is { } f
            ? new Dictionary<string, string?>
            {
                ["MediaEdge:Cache:FreshSeconds"] = f.FreshSeconds.ToString(CultureInfo.InvariantCulture),
                ["MediaEdge:Cache:StaleWhileRevalidateSeconds"] = f.StaleWhileRevalidateSeconds.ToString(CultureInfo.InvariantCulture),
                ["MediaEdge:Cache:StaleIfErrorSeconds"] = f.StaleIfErrorSeconds.ToString(CultureInfo.InvariantCulture),
            }
            : [];
        string[] engineArgs = options.Engine is null ? [] : [$"--MediaEdge:Imaging:Engine={options.Engine.Name}"];
        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            $"--contentRoot={AppContext.BaseDirectory}",
            $"--MediaEdge:Sources:local:Root={MediaFolder.Shared.Root}",
            "--MediaEdge:Cache:Redis:Configuration=",
            "--MediaEdge:Cache:Disk:Path=",
            "--MediaEdge:Security:RequireSignature=false",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:MediaEdge.Caching.RedisTier=Error",
            "--Logging:LogLevel:MediaEdge.Server.Endpoints.ProblemMiddleware=Error",
            .. engineArgs,
        ];
        var app = MediaEdgeHost.Build(args, builder =>
        {
            builder.Configuration.AddInMemoryCollection(freshness);
            if (options.Settings is not null)
            {
                builder.Configuration.AddInMemoryCollection(options.Settings);
            }

            if (options.Clock is not null)
            {
                builder.Services.AddSingleton(options.Clock);
            }

            options.Services?.Invoke(builder.Services);
        });
        var rendering = app.Services.GetRequiredService<IImageEngine>().Name;
        if (options.Engine is not null && rendering != options.Engine.Name)
        {
            // A suite that believes it tests vips while imagesharp answers would pass on a broken build.
            await app.DisposeAsync();
            throw new InvalidOperationException($"The server was asked for the '{options.Engine.Name}' engine but renders with '{rendering}'.");
        }

        var address = await LoopbackApp.StartAsync(app);

        // The node listens once its first imaging worker is warm; the tests, like a load balancer waiting for /readyz,
        // start once every worker is.
        if (app.Services.GetRequiredService<IImageEngine>() is IsolatedImageEngine isolated)
        {
            try
            {
                await isolated.WhenReady.WaitAsync(TimeSpan.FromSeconds(60));
            }
            catch (TimeoutException)
            {
                await app.DisposeAsync();
                throw;
            }
        }

        return new MediaEdgeServer(app, address, options);
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

    /// <summary>A client whose responses are checked for server failures; each concurrent request gets its own connection from its pool. The caller disposes it.</summary>
    public HttpClient CreateClient(out StatusGuard guard)
    {
        guard = new StatusGuard(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) }, _failures);
        return new HttpClient(guard, disposeHandler: true) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>The origin the service built for a configured source.</summary>
    public IOrigin Origin(string source) => Services.GetRequiredService<OriginRegistry>().Get(source);

    /// <summary>GET through <see cref="Client"/>, with the given headers.</summary>
    public Task<Reply> GetAsync(string pathAndQuery, params (string Name, string Value)[] headers) =>
        Client.SendReplyAsync(HttpMethod.Get, pathAndQuery, null, headers);

    /// <summary>HEAD through <see cref="Client"/>, with the given headers.</summary>
    public Task<Reply> HeadAsync(string pathAndQuery, params (string Name, string Value)[] headers) =>
        Client.SendReplyAsync(HttpMethod.Head, pathAndQuery, null, headers);

    /// <summary>What the host does on SIGTERM: stop listening, let requests in flight finish within the drain, stop the services.</summary>
    public Task StopAsync()
    {
        _stopped = true;
        return _app.StopAsync();
    }

    public override string ToString() => $"{Name} {BaseAddress}";

    public async ValueTask DisposeAsync()
    {
        if (_client.IsValueCreated)
        {
            _client.Value.Dispose();
        }

        Metrics.Dispose();
        if (!_stopped)
        {
            await StopAsync();
        }

        await _app.DisposeAsync();
    }
}
