using System.Globalization;
using FFMpegCore;
using FFMpegCore.Exceptions;
using FFMpegCore.Pipes;
using MediaEdge.Diagnostics;
using MediaEdge.Requests;

namespace MediaEdge.Video;

/// <summary>
/// Runs ffprobe and ffmpeg through FFMpegCore, never more than Video:MaxProcesses at once, each with a time limit and
/// killed on cancellation. Every input is a leased loopback URL, opened with a forced demuxer and a protocol
/// allow-list of http and tcp alone, so ffmpeg cannot reach a file, a playlist or another host by itself.
/// </summary>
public sealed class FfmpegRunner
{
    private readonly VideoOptions _options;
    private readonly MediaEdgeMetrics _metrics;
    private readonly SemaphoreSlim _slots;
    private readonly FFOptions _ffOptions;
    private readonly CancellationTokenSource _stopping = new();
    private int _pending;

    public FfmpegRunner(VideoOptions options, MediaEdgeMetrics metrics)
    {
        _options = options;
        _metrics = metrics;
        _slots = new SemaphoreSlim(options.MaxProcesses, options.MaxProcesses);
        _ffOptions = new FFOptions { BinaryFolder = options.FfmpegFolder, TemporaryFilesFolder = Path.GetTempPath() };
    }

    public async Task<VideoProbe> ProbeAsync(MediaLease input, string demuxer, CancellationToken cancellationToken)
    {
        IMediaAnalysis analysis;
        try
        {
            analysis = await RunAsync("ffprobe", ct => FFProbe.AnalyseAsync(input.Url, _ffOptions, InputArguments(demuxer), ct), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FFMpegException or FormatNullException or System.Text.Json.JsonException or InvalidOperationException)
        {
            throw Problems.Undecodable($"ffprobe could not read the video: {FirstLine(e.Message)}", e);
        }

        var video = analysis.PrimaryVideoStream
            ?? throw Problems.UnsupportedMedia("The source has no video stream (audio only?): there is no frame to take a thumbnail from.");
        if (video.Width is not > 0 || video.Height is not > 0)
        {
            throw Problems.Undecodable("The video stream has no frame size: the file is damaged or truncated.");
        }

        var duration = analysis.Duration.TotalSeconds > 0 ? analysis.Duration.TotalSeconds : video.Duration.TotalSeconds;
        return new VideoProbe(duration, video.Width.Value, video.Height.Value, video.Rotation, video.CodecName ?? "unknown", analysis.PrimaryAudioStream?.CodecName, video.AverageFrameRate > 0 ? video.AverageFrameRate : 25, demuxer);
    }

    /// <summary>Runs ffmpeg on the leased input and returns what it wrote to its output pipe.</summary>
    /// <param name="inputArguments">Options placed before the input (such as -ss).</param>
    /// <param name="outputArguments">Filters, codec and format of the output.</param>
    public async Task<byte[]> RenderAsync(MediaLease input, string demuxer, string inputArguments, string outputArguments, CancellationToken cancellationToken)
    {
        using var output = new MemoryStream();
        try
        {
            await RunAsync("ffmpeg", ct => FFMpegArguments
                .FromUrlInput(input.Url, o => o.WithCustomArgument(inputArguments + " " + InputArguments(demuxer)))
                .OutputToPipe(new StreamPipeSink(output), o => o.WithCustomArgument(outputArguments))
                .CancellableThrough(ct, TimeSpan.FromMilliseconds(200))
                .ProcessAsynchronously(throwOnError: true, _ffOptions), cancellationToken).ConfigureAwait(false);
        }
        catch (FFMpegException e)
        {
            throw Problems.Undecodable($"ffmpeg could not decode the video: {FirstLine(e.Message)}", e);
        }

        return output.ToArray();
    }

    /// <summary>Kills every running ffmpeg and ffprobe and refuses new runs: the node is shutting down.</summary>
    public void Stop() => _stopping.Cancel();

    // A fixed receive buffer: left to autotune on loopback it takes in hundreds of KB ffmpeg never reads, all of them fetched from the origin.
    private static string InputArguments(string demuxer) =>
        string.Create(CultureInfo.InvariantCulture, $"-protocol_whitelist http,tcp -seekable 1 -recv_buffer_size 16384 -f {demuxer}");

    private static string FirstLine(string message) => message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? message;

    private async Task<T> RunAsync<T>(string tool, Func<CancellationToken, Task<T>> run, CancellationToken cancellationToken)
    {
        if (_stopping.IsCancellationRequested)
        {
            throw ShuttingDown();
        }

        if (Interlocked.Increment(ref _pending) > _options.MaxProcesses + _options.MaxQueued)
        {
            Interlocked.Decrement(ref _pending);
            throw Problems.Overloaded($"{_options.MaxProcesses + _options.MaxQueued} video jobs are running or queued (Video:MaxProcesses, Video:MaxQueued). Retry shortly.", 2);
        }

        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
            deadline.CancelAfter(TimeSpan.FromSeconds(_options.TimeoutSeconds));
            try
            {
                await _slots.WaitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw VideoTimeout();
            }

            _metrics.FfmpegStarted();
            using var span = MediaEdgeTracing.Source.StartActivity(tool);
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var outcome = "error";
            try
            {
                var result = await run(deadline.Token).ConfigureAwait(false);
                if (deadline.IsCancellationRequested)
                {
                    outcome = "killed";
                    throw cancellationToken.IsCancellationRequested ? new OperationCanceledException(cancellationToken) : VideoTimeout();
                }

                outcome = "ok";
                return result;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                outcome = "killed";
                throw VideoTimeout();
            }
            finally
            {
                _metrics.FfmpegEnded(tool, outcome);
                _metrics.FfmpegDuration(tool, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                span?.SetTag("mediaedge.outcome", outcome);
                _slots.Release();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _pending);
        }
    }

    private static ProblemException ShuttingDown() =>
        new(503, "shutting-down", "The node is shutting down", "This node is stopping; retry on another.") { RetryAfterSeconds = 1 };

    // A run killed by Stop() hit no time limit: saying so would send the client back to this stopping node, asking for less.
    private ProblemException VideoTimeout() => _stopping.IsCancellationRequested
        ? ShuttingDown()
        : new(503, "video-timeout", "The video job took too long",
            $"ffmpeg did not finish within Video:TimeoutSeconds ({_options.TimeoutSeconds} s) and was stopped. Retry later, or ask for less (a shorter preview, fewer tiles).",
            new Dictionary<string, object?> { ["limit"] = "Video:TimeoutSeconds" }) { RetryAfterSeconds = 5 };
}
