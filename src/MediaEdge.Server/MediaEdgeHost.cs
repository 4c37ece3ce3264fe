using System.Text;
using MediaEdge.BuiltIns;
using MediaEdge.Caching;
using MediaEdge.Caching.Disk;
using MediaEdge.Composition;
using MediaEdge.Diagnostics;
using MediaEdge.Diagnostics.Live;
using MediaEdge.Imaging;
using MediaEdge.Limits;
using MediaEdge.Origins;
using MediaEdge.Pipeline;
using MediaEdge.Security;
using MediaEdge.Server.Admin;
using MediaEdge.Server.Configuration;
using MediaEdge.Server.Diagnostics;
using MediaEdge.Server.Endpoints;
using MediaEdge.Server.Purge;
using MediaEdge.Server.Shield;
using MediaEdge.Server.Tenancy;
using MediaEdge.Shield;
using MediaEdge.Tenancy;
using MediaEdge.Tenancy.Usage;
using MediaEdge.Video;
using MediaEdge.Video.Animation;
using MediaEdge.Video.Streaming;
using MediaEdge.Video.Transcode;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MediaEdge.Server;

/// <summary>Builds the web host: configuration, services, endpoints. Tests build it the same way, on port 0.</summary>
public static class MediaEdgeHost
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args });
        builder.Services.AddMediaEdgeBuiltIns();
        configure?.Invoke(builder);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // The /o/ route passes field values through as the bytes they are (RFC 9110 §5.5 obs-text); Latin-1 maps them one to one.
            kestrel.RequestHeaderEncodingSelector = _ => Encoding.Latin1;
            kestrel.ResponseHeaderEncodingSelector = _ => Encoding.Latin1;
            kestrel.AddServerHeader = false;
        });

        var options = MediaEdgeOptionsLoader.Load(builder.Configuration, builder.Environment.ContentRootPath, builder.Services);
        var (telemetry, shutdown, admin) = MediaEdgeOptionsLoader.LoadHost(builder.Configuration);
        var services = builder.Services;
        services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(shutdown.DrainSeconds));
        services.AddMediaEdgeTelemetry(telemetry);
        services.AddSingleton(options);
        services.AddSingleton(admin);
        if (admin.Enabled)
        {
            services.AddDashboard();
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton<MediaEdgeMetrics>();
        services.AddSingleton(sp => new MemoryTier(options.Cache, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(new FreshnessPolicy(options.Cache));
        AddSharedTier(services, options.Cache.Redis);
        services.AddSingleton(sp => new SourceVersions(sp.GetRequiredService<ISharedTier>(), options.Cache.Redis, sp.GetRequiredService<FreshnessPolicy>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<MediaEdgeMetrics>()));
        services.AddSingleton(sp => new SourceStates(sp.GetRequiredService<MemoryTier>(), sp.GetRequiredService<ISharedTier>(), sp.GetRequiredService<FreshnessPolicy>()));
        services.AddSingleton(sp => new DiskTier(options.Cache.Disk, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<DiskTier>>()));
        services.AddSingleton(sp => new TieredCache(sp.GetRequiredService<MemoryTier>(), sp.GetRequiredService<ISharedTier>(), sp.GetRequiredService<DiskTier>(), options.Cache.Redis.MaxValueBytes, LockExpiry(options), sp.GetRequiredService<MediaEdgeMetrics>()));
        services.AddSingleton(sp => new OriginRegistry(options.Sources, builder.Environment.ContentRootPath, sp.GetRequiredService<NamedExtensions<IOriginKind>>(), sp.GetServices<NamedOrigin>()));
        services.AddSingleton(new SourceLimits(options.Limits, options.Video, options.Sources));
        services.AddSingleton(sp => new UsageLedger(sp.GetRequiredService<ISharedTier>(), !string.IsNullOrWhiteSpace(options.Cache.Redis.Configuration), options.Usage, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new UsageMeter(sp.GetRequiredService<MediaEdgeMetrics>(), sp.GetRequiredService<UsageLedger>(), options.Sources.Keys));
        services.AddSingleton(sp => new SourceRateLimits(options.Sources, sp.GetRequiredService<UsageMeter>()));
        services.AddSingleton<SourceAdmission>();
        services.AddSingleton(sp => new SourceStore(sp.GetRequiredService<MemoryTier>(), sp.GetRequiredService<ISharedTier>(), options.Cache, sp.GetRequiredService<SourceLimits>(), sp.GetRequiredService<MediaEdgeMetrics>(), sp.GetRequiredService<UsageMeter>()));
        // The configured engine, and the first other one by name as the fallback for what it cannot read.
        var engines = NamedExtensions<IEngineKind>.In(services);
        var engine = engines.Find(options.Imaging.Engine)!;
        var fallback = engines.All.First(kind => kind != engine);
        // TryAdd: an engine registered before the host's (an embedder's, a test's) is the one served.
        services.TryAddSingleton<IImageEngine>(sp => ImagingWorkers.Start(sp, engine, options, startNow: true));
        services.AddSingleton(sp => new FallbackEngine(ImagingWorkers.Start(sp, fallback, options, startNow: false)));
        services.AddHostedService<ImagingWorkersReady>();
        services.AddSingleton(sp => new TransformGate(options.Limits, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<DecodeBudget>()));
        services.AddSingleton(new DecodeBudget(options.Limits));
        services.AddSingleton<SourceResolver>();
        services.AddSingleton<ImageService>();
        services.AddSingleton<IFrameSource>(sp => sp.GetRequiredService<VideoService>());
        services.AddSingleton(options.Video);
        services.AddSingleton<MediaInputServer>();
        services.AddSingleton<FfmpegRunner>();
        services.AddSingleton<ClipLimits>();
        services.AddSingleton<AnimationVideoEncoder>();
        services.AddSingleton<VideoService>();
        services.AddSingleton<HlsService>();
        services.AddSingleton(new ExpirationModel(options.Cache));
        services.AddSingleton(sp => new ShieldStore(sp.GetRequiredService<MemoryTier>(), sp.GetRequiredService<ISharedTier>(), sp.GetRequiredService<FreshnessPolicy>()));
        services.AddSingleton(sp => new ShieldService(
            sp.GetRequiredService<OriginRegistry>(),
            sp.GetRequiredService<SourceVersions>(),
            sp.GetRequiredService<ShieldStore>(),
            sp.GetRequiredService<ExpirationModel>(),
            options.Cache,
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new UrlSignature(options.Security, options.Sources, sp.GetRequiredService<TimeProvider>()));
        services.AddProblemDetails(ProblemMiddleware.Configure);

        var app = builder.Build();

        // Connects to Redis and subscribes to its channels now, not on the first request, so a node shares L2 from its first answer.
        app.Services.GetRequiredService<TieredCache>();
        app.Services.GetRequiredService<SourceVersions>();

        // Starts the first imaging worker now, beside the rest of the start-up, rather than when the hosted services start.
        app.Services.GetRequiredService<IImageEngine>();

        if (admin.Enabled)
        {
            // Listens to the meter from the first request on, not from the dashboard's first call.
            app.Services.GetRequiredService<LiveStats>();
        }

        app.UseMiddleware<RequestMetricsMiddleware>();
        app.UseMiddleware<ProblemMiddleware>();
        app.MapPrometheusScrapingEndpoint("/metrics");
        var metrics = app.Services.GetRequiredService<MediaEdgeMetrics>();
        var gate = app.Services.GetRequiredService<TransformGate>();
        var budget = app.Services.GetRequiredService<DecodeBudget>();
        metrics.ObserveQueue(() => gate.Pending, () => budget.InUse);
        var disk = app.Services.GetRequiredService<DiskTier>();
        metrics.ObserveDisk(() => disk.Bytes);

        // In-flight requests get DrainSeconds; ffmpeg is killed when that time is up (or at once if the host stops sooner).
        var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
        var ffmpeg = app.Services.GetRequiredService<FfmpegRunner>();
        lifetime.ApplicationStopping.Register(() => _ = Task.Delay(TimeSpan.FromSeconds(Math.Max(0, shutdown.DrainSeconds - 1))).ContinueWith(_ => ffmpeg.Stop(), TaskScheduler.Default));
        lifetime.ApplicationStopped.Register(ffmpeg.Stop);

        app.MapImageEndpoints();
        app.MapDialectEndpoints();
        app.MapHealthEndpoints();
        app.MapPurgeEndpoints();
        app.MapShieldEndpoints();
        app.MapVideoEndpoints();
        app.MapAdmin(admin)?.MapUsage();
        return app;
    }

    /// <summary>L2: Redis where <see cref="RedisOptions.Configuration"/> names one, else the node alone (<see cref="NoSharedTier"/>).</summary>
    private static void AddSharedTier(IServiceCollection services, RedisOptions redis)
    {
        if (string.IsNullOrWhiteSpace(redis.Configuration))
        {
            services.AddSingleton<ISharedTier>(new NoSharedTier());
            return;
        }

        services.AddSingleton(sp => new RedisTier(redis, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<MediaEdgeMetrics>(), sp.GetRequiredService<ILogger<RedisTier>>()));
        services.AddSingleton<ISharedTier>(sp => sp.GetRequiredService<RedisTier>());
    }

    private static TimeSpan LockExpiry(MediaEdgeOptions options) =>
        TimeSpan.FromSeconds(options.Cache.Redis.LockSeconds > 0 ? options.Cache.Redis.LockSeconds : options.Limits.TransformTimeoutSeconds + 5);
}
