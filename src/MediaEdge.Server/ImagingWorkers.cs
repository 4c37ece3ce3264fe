using MediaEdge.Imaging;
using MediaEdge.Imaging.ImageSharp;
using MediaEdge.Imaging.Isolation;
using MediaEdge.Imaging.Vips;

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

    private static IsolatedImageEngine Isolate(IServiceProvider services, IImageEngine engine, MediaEdgeOptions options, Func<ReadOnlyMemory<byte>, bool> identifyInWorker, bool startNow)
    {
        var command = WorkerCommand.ForApplication(typeof(ImagingWorkers).Assembly.Location, ImagingWorkerHost.Arguments(engine.Name, options.Limits, options.Imaging));
        var isolated = new IsolatedImageEngine(engine, command, options.Limits.EffectiveConcurrency, TimeSpan.FromSeconds(options.Limits.TransformTimeoutSeconds), identifyInWorker, services.GetRequiredService<ILogger<IsolatedImageEngine>>(), startNow);

        // The container disposes the configured engine; a fallback sits inside a record it does not dispose.
        services.GetService<IHostApplicationLifetime>()?.ApplicationStopped.Register(isolated.Dispose);
        return isolated;
    }
}

/// <summary>Holds the node's start until the configured engine's workers are warm, so that its first requests do not wait for them.</summary>
internal sealed partial class ImagingWorkersReady(IImageEngine engine, ILogger<ImagingWorkersReady> logger) : IHostedService
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
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
