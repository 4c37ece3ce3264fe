using System.Diagnostics;
using System.Globalization;
using System.Text;
using FFMpegCore;
using FFMpegCore.Exceptions;
using FFMpegCore.Pipes;
using MediaEdge.Diagnostics;
using MediaEdge.Requests;
using MediaEdge.Tenancy;
using MediaEdge.Tenancy.Usage;

namespace MediaEdge.Video;

/// <summary>
/// Runs ffprobe and ffmpeg, admitted by the <see cref="VideoJobQueue"/> (never more than Video:MaxProcesses at once),
/// each with a time limit and killed on cancellation. Every input is a leased loopback URL, opened with a forced
/// demuxer and a protocol allow-list of http and tcp alone, so neither can reach a file, a playlist or another host.
/// </summary>
public sealed class FfmpegRunner
{
    private const string ClipTimeoutKey = "Video:ClipTimeoutSeconds";

    /// <summary>ffprobe's JSON report is a few KB; anything near this is not a report.</summary>
    private const int MaxReportChars = 4 * 1024 * 1024;

    private readonly VideoOptions _options;
    private readonly MediaEdgeMetrics _metrics;
    private readonly UsageMeter _usage;
    private readonly SourceRateLimits _rates;
    private readonly TimeProvider _time;
    private readonly FFOptions _ffOptions;
    private readonly CancellationTokenSource _stopping = new();

    /// <param name="usage">Where each run's time is metered for its source.</param>
    /// <param name="rates">Each source's TransformSecondsPerSecond: a run is admitted by it, and charged to it.</param>
    public FfmpegRunner(VideoOptions options, MediaEdgeMetrics metrics, UsageMeter usage, SourceRateLimits rates, TimeProvider time)
    {
        _options = options;
        _metrics = metrics;
        _usage = usage;
        _rates = rates;
        _time = time;
        Queue = new VideoJobQueue(options, time);
        _ffOptions = new FFOptions { BinaryFolder = options.FfmpegFolder, TemporaryFilesFolder = Path.GetTempPath() };
    }

    /// <summary>Where jobs wait for a process, and are refused when they would wait too long.</summary>
    public VideoJobQueue Queue { get; }

    /// <summary>
    /// Streams, size, rotation and colour from ffprobe's report; the length from the video stream's own stored
    /// duration, or, where the container stores none for it (a MediaRecorder WebM, a fragmented MP4), from its packets.
    /// </summary>
    public async Task<VideoProbe> ProbeAsync(MediaLease input, string demuxer, CancellationToken cancellationToken)
    {
        var report = await RunAsync("ffprobe", VideoJob.Probe, input.Source, ct => FfprobeAsync(input, demuxer, ["-show_format", "-show_streams", "-print_format", "json"], ReadReportAsync, ct), cancellationToken).ConfigureAwait(false);
        var (probe, timeline) = FfprobeReport.Parse(report, demuxer);
        if (timeline.StoredEnd is not null)
        {
            return probe;
        }

        var scan = await ScanAsync(input, probe, timeline.TailInterval(), cancellationToken).ConfigureAwait(false);
        if (scan.End is null && timeline.TailInterval() is not null)
        {
            // The picture stopped before the file's last stretch: read it all.
            scan = await ScanAsync(input, probe, null, cancellationToken).ConfigureAwait(false);
        }

        if (scan.End is { } end)
        {
            return probe with { DurationSeconds = timeline.DurationFromEnd(end), DurationSource = "packets", LastFrameSeconds = timeline.DurationFromEnd(scan.LastFrame ?? end) };
        }

        return timeline.FileDuration is { } file
            ? probe with { DurationSeconds = file, DurationSource = "file" }
            : throw Problems.Undecodable("The video stream holds no frame with a timestamp: the file is empty or damaged.");
    }

    /// <summary>Where the last frame starts, from the packets of the picture's last 10 s; null where none were read.</summary>
    public async Task<double?> LastFrameAsync(MediaLease input, VideoProbe probe, CancellationToken cancellationToken)
    {
        var from = probe.FileStart + Math.Max(0, probe.DurationSeconds - 10);
        var scan = await ScanAsync(input, probe, from.ToString("0.###", CultureInfo.InvariantCulture) + "%", cancellationToken).ConfigureAwait(false);
        return scan.LastFrame is { } last ? Math.Max(0, last - probe.FileStart) : null;
    }

    /// <summary>Runs ffmpeg on the leased input and returns what it wrote to its output pipe.</summary>
    /// <param name="inputArguments">Options placed before the input (such as -ss).</param>
    /// <param name="outputArguments">Filters, codec and format of the output.</param>
    public async Task<byte[]> RenderAsync(MediaLease input, string demuxer, VideoJob kind, string inputArguments, string outputArguments, CancellationToken cancellationToken)
    {
        var bytes = await RenderOnceAsync(input, demuxer, kind, inputArguments, outputArguments, cancellationToken).ConfigureAwait(false);

        // FFMpegCore's output pipe can lose all of a short output when ffmpeg finishes before the copy from the pipe has
        // started (rosenbjerg/FFMpegCore#128; seen once in our full test runs): an empty output is made once more before it
        // counts as the stream giving nothing.
        return bytes.Length > 0 ? bytes : await RenderOnceAsync(input, demuxer, kind, inputArguments, outputArguments, cancellationToken).ConfigureAwait(false);
    }

    private async Task<byte[]> RenderOnceAsync(MediaLease input, string demuxer, VideoJob kind, string inputArguments, string outputArguments, CancellationToken cancellationToken)
    {
        using var output = new MemoryStream();
        try
        {
            await RunAsync("ffmpeg", kind, input.Source, ct => FFMpegArguments
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

    /// <summary>
    /// Transcodes the leased input into a temporary file (an MP4's index can be moved to the front only in a file it can
    /// seek), returns its bytes and deletes it; the run may take Video:ClipTimeoutSeconds.
    /// </summary>
    public Task<byte[]> TranscodeAsync(MediaLease input, string demuxer, string inputArguments, string outputArguments, CancellationToken cancellationToken) =>
        ToFileAsync(
            input.Source,
            () => FFMpegArguments.FromUrlInput(input.Url, o => o.WithCustomArgument(inputArguments + " " + InputArguments(demuxer))),
            outputArguments,
            "ffmpeg could not transcode the video",
            cancellationToken);

    /// <summary>
    /// Transcodes bytes already in memory (an animation the image engine rendered), handed to ffmpeg as a temporary file
    /// with the forced demuxer, as <see cref="TranscodeAsync"/> does; the run may take Video:ClipTimeoutSeconds.
    /// </summary>
    public async Task<byte[]> TranscodeBytesAsync(string sourceName, ReadOnlyMemory<byte> input, string demuxer, string outputArguments, CancellationToken cancellationToken)
    {
        // A file, not a pipe: the gif demuxer reads each frame's delay only from input it can seek (from a pipe it fails).
        var source = Path.Combine(Path.GetTempPath(), $"mediaedge-animation-{Guid.NewGuid():N}");
        try
        {
            await File.WriteAllBytesAsync(source, input, cancellationToken).ConfigureAwait(false);
            return await ToFileAsync(
                sourceName,
                () => FFMpegArguments.FromFileInput(source, verifyExists: true, o => o.WithCustomArgument("-protocol_whitelist file -f " + demuxer)),
                outputArguments,
                "ffmpeg could not encode the animation",
                cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(source);
        }
    }

    /// <summary>Kills every running ffmpeg and ffprobe and refuses new runs: the node is shutting down.</summary>
    public void Stop() => _stopping.Cancel();

    /// <summary>Runs a clip-kind ffmpeg on the input built when its process starts, writing a temporary file; returns its bytes and deletes it.</summary>
    private async Task<byte[]> ToFileAsync(string sourceName, Func<FFMpegArguments> input, string outputArguments, string failure, CancellationToken cancellationToken)
    {
        var file = Path.Combine(Path.GetTempPath(), $"mediaedge-clip-{Guid.NewGuid():N}");
        try
        {
            await RunAsync("ffmpeg", VideoJob.Clip, sourceName, ct => input()
                .OutputToFile(file, overwrite: true, o => o.WithCustomArgument(outputArguments))
                .CancellableThrough(ct, TimeSpan.FromMilliseconds(200))
                .ProcessAsynchronously(throwOnError: true, _ffOptions), cancellationToken, (_options.ClipTimeoutSeconds, ClipTimeoutKey)).ConfigureAwait(false);
            return await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false);
        }
        catch (FFMpegException e)
        {
            throw Problems.Undecodable($"{failure}: {FirstLine(e.Message)}", e);
        }
        finally
        {
            File.Delete(file);
        }
    }

    // A fixed receive buffer: left to autotune on loopback it takes in hundreds of KB ffmpeg never reads, all of them fetched from the origin.
    private static string InputArguments(string demuxer) =>
        string.Create(CultureInfo.InvariantCulture, $"-protocol_whitelist http,tcp -seekable 1 -recv_buffer_size 16384 -f {demuxer}");

    private static string FirstLine(string message) => message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? message;

    private static async Task<string> ReadReportAsync(StreamReader output, CancellationToken cancellationToken)
    {
        var report = new StringBuilder();
        var buffer = new char[16 * 1024];
        int read;
        while ((read = await output.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (report.Length + read > MaxReportChars)
            {
                throw Problems.Undecodable("ffprobe's report of the video is implausibly large: the file is not a video MediaEdge can read.");
            }

            report.Append(buffer, 0, read);
        }

        return report.ToString();
    }

    private async Task<PacketScan> ScanAsync(MediaLease input, VideoProbe probe, string? interval, CancellationToken cancellationToken)
    {
        var scan = new PacketScan(probe.FrameRate);
        List<string> arguments = ["-select_streams", probe.StreamIndex.ToString(CultureInfo.InvariantCulture), "-show_entries", "packet=pts_time,dts_time,duration_time", "-of", "csv=p=0"];
        if (interval is not null)
        {
            arguments.AddRange(["-read_intervals", interval]);
        }

        try
        {
            await RunAsync("ffprobe", VideoJob.Scan, input.Source, ct => FfprobeAsync(input, probe.Demuxer, arguments, async (output, c) =>
            {
                while (await output.ReadLineAsync(c).ConfigureAwait(false) is { } line)
                {
                    scan.Add(line);
                }

                return scan;
            }, ct), cancellationToken).ConfigureAwait(false);
        }
        catch (ProblemException) when (scan.End is not null)
        {
            // A damaged tail, or a file too long to read in time: the packets read so far are the best length there is.
        }

        return scan;
    }

    /// <summary>Runs ffprobe on the leased input, reading its standard output as it comes; killed (and reaped) on cancellation.</summary>
    private async Task<T> FfprobeAsync<T>(MediaLease input, string demuxer, IReadOnlyList<string> arguments, Func<StreamReader, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(string.IsNullOrEmpty(_options.FfmpegFolder) ? "ffprobe" : Path.Combine(_options.FfmpegFolder, "ffprobe"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in (string[])["-v", "error", "-protocol_whitelist", "http,tcp", "-seekable", "1", "-recv_buffer_size", "16384", "-f", demuxer, .. arguments, "-i", input.Url.ToString()])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("ffprobe did not start.");
        var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            var result = await read(process.StandardOutput, cancellationToken).ConfigureAwait(false);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                throw Problems.Undecodable($"ffprobe could not read the video: {FirstLine(await errors.ConfigureAwait(false))}");
            }

            return result;
        }
        catch (Exception)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <param name="limit">The run's time limit in seconds and its configuration key; Video:TimeoutSeconds where not given.</param>
    private async Task<T> RunAsync<T>(string tool, VideoJob kind, string sourceName, Func<CancellationToken, Task<T>> run, CancellationToken cancellationToken, (int Seconds, string Key)? limit = null)
    {
        var (seconds, key) = limit ?? (_options.TimeoutSeconds, "Video:TimeoutSeconds");
        if (_stopping.IsCancellationRequested)
        {
            throw ShuttingDown();
        }

        _rates.AdmitTransform(sourceName);

        using var leaving = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        VideoJobSlot slot;
        try
        {
            slot = await Queue.EnterAsync(kind, leaving.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw ShuttingDown();
        }

        using (slot)
        {
            using var timer = new CancellationTokenSource(TimeSpan.FromSeconds(seconds), _time);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(leaving.Token, timer.Token);
            _metrics.FfmpegStarted();
            using var span = MediaEdgeTracing.Source.StartActivity(tool);
            var started = _time.GetTimestamp();
            var outcome = "error";
            try
            {
                var result = await run(deadline.Token).ConfigureAwait(false);
                if (deadline.IsCancellationRequested)
                {
                    outcome = "killed";
                    throw cancellationToken.IsCancellationRequested ? new OperationCanceledException(cancellationToken) : VideoTimeout(seconds, key);
                }

                outcome = "ok";
                slot.Completed();
                return result;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                outcome = "killed";
                throw VideoTimeout(seconds, key);
            }
            catch (ProblemException) when (outcome != "killed")
            {
                // ffmpeg ran to its end and found the input wanting: a real duration all the same.
                slot.Completed();
                throw;
            }
            finally
            {
                var took = _time.GetElapsedTime(started);
                _metrics.FfmpegEnded(tool, outcome);
                _metrics.FfmpegDuration(tool, took.TotalMilliseconds);
                _usage.FfmpegRan(sourceName, took.TotalSeconds);
                _rates.Charge(sourceName, took);
                span?.SetTag("mediaedge.outcome", outcome);
            }
        }
    }

    private static ProblemException ShuttingDown() =>
        new(503, "shutting-down", "The node is shutting down", "This node is stopping; retry on another.") { RetryAfterSeconds = 1 };

    // A run killed by Stop() hit no time limit: saying so would send the client back to this stopping node, asking for less.
    // A clip's limit (issue 15: each clip limit a 4xx naming it) is a 422: the request asks more work than one clip may take,
    // so the same request would fail again. The short jobs' limit is a 503 with Retry-After: they exceed it only under load.
    private ProblemException VideoTimeout(int seconds, string key) => _stopping.IsCancellationRequested
        ? ShuttingDown()
        : key == ClipTimeoutKey
            ? new(422, "clip-timeout", "The clip took too long to transcode",
                $"ffmpeg did not finish the clip within {key} ({seconds} s) and was stopped. Ask for less: a shorter duration, a smaller w or h, or MP4 rather than WebM.",
                new Dictionary<string, object?> { ["limit"] = key, ["max"] = seconds })
            : new(503, "video-timeout", "The video job took too long",
                $"ffmpeg did not finish within {key} ({seconds} s) and was stopped. Retry later, or ask for less (a shorter clip or preview, fewer tiles).",
                new Dictionary<string, object?> { ["limit"] = key }) { RetryAfterSeconds = 5 };
}
