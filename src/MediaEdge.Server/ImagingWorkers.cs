using MediaEdge.Imaging;
using MediaEdge.Imaging.Isolation;
using MediaEdge.Pipeline;

namespace MediaEdge.Server;

/// <summary>
/// The engines as the host runs them: rendering in worker processes of this application (Program.cs's worker mode), so
/// that a transform past its deadline is stopped whatever it is doing (<see cref="IsolatedImageEngine"/>).
/// </summary>
internal static class ImagingWorkers
{
    /// <summary>The engine <paramref name="kind"/>, rendering in worker processes started with its runtime settings.</summary>
    /// <param name="startNow">Start every worker now (the configured engine), or none until one is needed (a fallback).</param>
    public static IsolatedImageEngine Start(IServiceProvider services, IEngineKind kind, MediaEdgeOptions options, bool startNow)
    {
        var engine = kind.Create(options.Limits, options.Imaging);
        var command = WorkerCommand.ForApplication(typeof(ImagingWorkers).Assembly.Location, kind.WorkerRuntimeSettings, ImagingWorkerHost.Arguments(kind.Name, options.Limits, options.Imaging));
        var isolated = new IsolatedImageEngine(engine, command, options.Limits.EffectiveConcurrency, TimeSpan.FromSeconds(options.Limits.TransformTimeoutSeconds), source => kind.IdentifiesInWorker(source.Span), services.GetRequiredService<ILogger<IsolatedImageEngine>>(), startNow);

        // The container disposes the configured engine; a fallback sits inside a record it does not dispose.
        services.GetService<IHostApplicationLifetime>()?.ApplicationStopped.Register(isolated.Dispose);
        return isolated;
    }
}

/// <summary>
/// Holds the node's start until the configured engine's first worker is warm, so that its first request does not wait for
/// one; meanwhile the node runs its own share of a request once (<see cref="ImageService.WarmUp"/>). The other workers
/// warm after it, and <c>/readyz</c> answers 503 until they have, so a load balancer sends full traffic only then.
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
            await isolated.WhenFirstReady.WaitAsync(Patience, cancellationToken).ConfigureAwait(false);
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
