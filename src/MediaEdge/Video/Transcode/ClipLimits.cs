using MediaEdge.Requests;
using MediaEdge.Tenancy;

namespace MediaEdge.Video.Transcode;

/// <summary>
/// The Video:* limits of a clip, checked before any ffmpeg runs (source bytes, output seconds and pixels) or as it is
/// admitted (transcodes at once); each refusal is a 4xx problem whose <c>limit</c> names the configuration key.
/// </summary>
public sealed class ClipLimits
{
    private readonly VideoOptions _options;
    private readonly SourceLimits _sources;
    private readonly SemaphoreSlim _processes;

    /// <param name="sources">Each source's own clip limits (Sources:{name}:Limits), in place of Video's.</param>
    public ClipLimits(VideoOptions options, SourceLimits sources)
    {
        _options = options;
        _sources = sources;
        _processes = new SemaphoreSlim(options.MaxClipProcesses, options.MaxClipProcesses);
    }

    /// <summary>The clip limits of <paramref name="source"/>: Video's, with the source's own in their place.</summary>
    public ClipLimitValues For(string source) => _sources.ClipsFor(source);

    /// <summary>413 where the video of <paramref name="source"/> has more than Video:MaxClipSourceBytes (or the source's own).</summary>
    public void CheckSource(string source, long bytes)
    {
        var limits = _sources.ClipsFor(source);
        if (bytes > limits.MaxSourceBytes)
        {
            throw Refusal(413, "source-too-large", "Source is too large", limits.MaxSourceBytesKey, limits.MaxSourceBytes, bytes,
                $"The source has {bytes} bytes; a clip is transcoded from at most {limits.MaxSourceBytes} ({limits.MaxSourceBytesKey}).");
        }
    }

    /// <summary>400 where a clip of <paramref name="source"/> would last longer than Video:MaxClipSeconds or hold more than Video:MaxClipPixels a frame (or the source's own).</summary>
    public void CheckOutput(string source, double seconds, ClipGeometry geometry)
    {
        var limits = _sources.ClipsFor(source);
        if (seconds > limits.MaxSeconds + 1e-9)
        {
            throw Refusal(400, "output-too-large", "Requested clip is too long", limits.MaxSecondsKey, limits.MaxSeconds, Math.Round(seconds, 3),
                $"The clip would last {seconds:0.###} s; the limit ({limits.MaxSecondsKey}) is {limits.MaxSeconds} s. Ask for a shorter duration.");
        }

        if (geometry.Pixels > limits.MaxPixels)
        {
            throw Refusal(400, "output-too-large", "Requested clip is too large", limits.MaxPixelsKey, limits.MaxPixels, geometry.Pixels,
                $"A frame would be {geometry.Width}x{geometry.Height} = {geometry.Pixels} pixels; the limit ({limits.MaxPixelsKey}) is {limits.MaxPixels}. Ask for a smaller w or h.");
        }
    }

    /// <summary>
    /// A transcode slot, waited for up to Video:MaxQueueWaitSeconds while Video:MaxClipProcesses clips transcode here (a
    /// page asking for two clips at once gets both); 429 with Retry-After where none frees in that time.
    /// </summary>
    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        if (!await _processes.WaitAsync(TimeSpan.FromSeconds(_options.MaxQueueWaitSeconds), cancellationToken).ConfigureAwait(false))
        {
            throw new ProblemException(429, "too-many-clips", "Too many clips transcoding",
                $"This node transcoded {_options.MaxClipProcesses} clip(s) at once (Video:MaxClipProcesses) for the {_options.MaxQueueWaitSeconds} s a clip may wait (Video:MaxQueueWaitSeconds). Retry shortly.",
                new Dictionary<string, object?> { ["limit"] = "Video:MaxClipProcesses", ["max"] = _options.MaxClipProcesses }) { RetryAfterSeconds = 5 };
        }

        return new Slot(_processes);
    }

    private static ProblemException Refusal(int status, string type, string title, string limit, object max, object actual, string detail) =>
        new(status, type, title, detail, new Dictionary<string, object?> { ["limit"] = limit, ["max"] = max, ["actual"] = actual });

    private sealed class Slot(SemaphoreSlim processes) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                processes.Release();
            }
        }
    }
}
