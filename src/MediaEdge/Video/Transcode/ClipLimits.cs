using MediaEdge.Requests;

namespace MediaEdge.Video.Transcode;

/// <summary>
/// The Video:* limits of a clip, checked before any ffmpeg runs (source bytes, output seconds and pixels) or as it is
/// admitted (transcodes at once); each refusal is a 4xx problem whose <c>limit</c> names the configuration key.
/// </summary>
public sealed class ClipLimits
{
    private readonly VideoOptions _options;
    private readonly SemaphoreSlim _processes;

    public ClipLimits(VideoOptions options)
    {
        _options = options;
        _processes = new SemaphoreSlim(options.MaxClipProcesses, options.MaxClipProcesses);
    }

    /// <summary>413 where the source has more than Video:MaxClipSourceBytes.</summary>
    public void CheckSource(long bytes)
    {
        if (bytes > _options.MaxClipSourceBytes)
        {
            throw Refusal(413, "source-too-large", "Source is too large", "Video:MaxClipSourceBytes", _options.MaxClipSourceBytes, bytes,
                $"The source has {bytes} bytes; a clip is transcoded from at most {_options.MaxClipSourceBytes} (Video:MaxClipSourceBytes).");
        }
    }

    /// <summary>400 where the output would last longer than Video:MaxClipSeconds or hold more than Video:MaxClipPixels a frame.</summary>
    public void CheckOutput(double seconds, ClipGeometry geometry)
    {
        if (seconds > _options.MaxClipSeconds + 1e-9)
        {
            throw Refusal(400, "output-too-large", "Requested clip is too long", "Video:MaxClipSeconds", _options.MaxClipSeconds, Math.Round(seconds, 3),
                $"The clip would last {seconds:0.###} s; the limit (Video:MaxClipSeconds) is {_options.MaxClipSeconds} s. Ask for a shorter duration.");
        }

        if (geometry.Pixels > _options.MaxClipPixels)
        {
            throw Refusal(400, "output-too-large", "Requested clip is too large", "Video:MaxClipPixels", _options.MaxClipPixels, geometry.Pixels,
                $"A frame would be {geometry.Width}x{geometry.Height} = {geometry.Pixels} pixels; the limit (Video:MaxClipPixels) is {_options.MaxClipPixels}. Ask for a smaller w or h.");
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
