using MediaEdge.Imaging;
using MediaEdge.Imaging.ImageSharp;
using MediaEdge.Imaging.Isolation;
using MediaEdge.Imaging.Vips;
using MediaEdge.Requests;

namespace MediaEdge.Server;

/// <summary>
/// The engines as the host runs them: rendering in worker processes of this application (Program.cs's worker mode), so
/// that a transform past its deadline is stopped whatever it is doing (<see cref="IsolatedImageEngine"/>).
/// </summary>
internal static class ImagingWorkers
{
    /// <summary>ImageSharp, which reads TIFF headers in the workers too: its TIFF reader walks every strip offset first (seconds for millions).</summary>
    /// <param name="startNow">Start every worker now (the configured engine), or none until one is needed (a fallback).</param>
    public static IImageEngine ImageSharp(IServiceProvider services, MediaEdgeOptions options, bool startNow) =>
        Isolate(services, new ImageSharpEngine(options.Limits), options, source => ImageFormatSniffer.Sniff(source.Span) == SourceFormat.Tiff, startNow);

    /// <summary>libvips, whose header reads stay in this process: they decode nothing.</summary>
    public static IImageEngine Vips(IServiceProvider services, MediaEdgeOptions options, bool startNow) =>
        Isolate(services, new VipsEngine(options.Limits, options.Imaging), options, _ => false, startNow);

    /// <summary>
    /// A worker's JIT settings, chosen by measurement (benchmarks/Peers, 40 distinct photos to WebP, CPU per image of the
    /// node and its workers; a fresh worker's CPU until ready): a libvips worker compiles quickly (tier 0) what is not
    /// precompiled and never re-compiles its glue in tiers (<c>TC_CallCountThreshold</c> out of reach), since re-compiling
    /// cost more CPU than every render it sped up (294 → 198 ms per image) while no tiering at all made its start 640 ms of
    /// CPU instead of 410; ImageSharp's managed pixel loops do gain from tier-1 code, but not from the instrumented tier of
    /// dynamic PGO (522 → 468 ms per image; with no tiering, 670).
    /// </summary>
    internal static IReadOnlyDictionary<string, string> RuntimeSettings(string engine) => engine == "vips"
        ? new Dictionary<string, string> { ["DOTNET_TieredPGO"] = "0", ["DOTNET_TC_CallCountThreshold"] = "30000" }
        : new Dictionary<string, string> { ["DOTNET_TieredPGO"] = "0" };

    private static IsolatedImageEngine Isolate(IServiceProvider services, IImageEngine engine, MediaEdgeOptions options, Func<ReadOnlyMemory<byte>, bool> identifyInWorker, bool startNow)
    {
        var command = WorkerCommand.ForApplication(typeof(ImagingWorkers).Assembly.Location, RuntimeSettings(engine.Name), ImagingWorkerHost.Arguments(engine.Name, options.Limits, options.Imaging));
        var isolated = new IsolatedImageEngine(engine, command, options.Limits.EffectiveConcurrency, TimeSpan.FromSeconds(options.Limits.TransformTimeoutSeconds), identifyInWorker, services.GetRequiredService<ILogger<IsolatedImageEngine>>(), startNow);

        // The container disposes the configured engine; a fallback sits inside a record it does not dispose.
        services.GetService<IHostApplicationLifetime>()?.ApplicationStopped.Register(isolated.Dispose);
        return isolated;
    }
}

/// <summary>
/// Holds the node's start until the configured engine's workers are warm, so that its first requests do not wait for them;
/// meanwhile the node runs its own share of a request once (<see cref="ImageService.WarmUp"/>).
/// </summary>
internal sealed partial class ImagingWorkersReady(IImageEngine engine, IServiceProvider services, ILogger<ImagingWorkersReady> logger) : IHostedService
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<ImageService>().WarmUp();
        if (engine is not IsolatedImageEngine isolated)
        {
            return;
        }

        try
        {
            await isolated.WhenReady.WaitAsync(Patience, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Requests then wait for the workers themselves, within their time budget.
            Log.NotReady(logger, Patience.TotalSeconds);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "The imaging workers were not ready within {Seconds} s of the start; serving anyway.")]
        public static partial void NotReady(ILogger logger, double seconds);
    }
}
