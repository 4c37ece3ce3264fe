using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;

namespace MediaEdge.Load;

/// <summary>
/// Runs a scenario: opens one connection per worker, sends the warm-up, then lets the workers take request indices until
/// the request bound or the time limit, whichever comes first. Requests still running at the time limit are given their
/// own timeout to finish, then cancelled, so the run always ends by itself.
/// </summary>
internal sealed class LoadRunner(HttpClient client, Uri target, IScenario scenario, int concurrency)
{
    public async Task WarmUpAsync(int requests, CancellationToken cancellationToken)
    {
        // One connection per worker before anything is timed, so connection set-up is not part of any figure.
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => SendAsync(new LoadRequest("healthz"), cancellationToken))).ConfigureAwait(false);
        if (requests > 0)
        {
            await RunAsync(0, requests, Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sends requests firstIndex .. firstIndex+count-1 with the workers; stops taking new ones after the time limit.</summary>
    public async Task<(IReadOnlyList<Sample> Samples, TimeSpan Elapsed, bool StoppedByTime)> RunAsync(long firstIndex, long count, TimeSpan limit, CancellationToken cancellationToken)
    {
        var next = firstIndex - 1;
        var end = firstIndex + count;
        var started = Stopwatch.GetTimestamp();
        var stoppedByTime = 0;
        var perWorker = new List<Sample>[concurrency];

        async Task WorkAsync(int worker)
        {
            var samples = perWorker[worker] = [];
            while (!cancellationToken.IsCancellationRequested)
            {
                if (limit != Timeout.InfiniteTimeSpan && Stopwatch.GetElapsedTime(started) >= limit)
                {
                    Interlocked.Exchange(ref stoppedByTime, 1);
                    return;
                }

                var index = Interlocked.Increment(ref next);
                if (index >= end)
                {
                    return;
                }

                samples.Add(await SendAsync(scenario.Next(index), cancellationToken).ConfigureAwait(false));
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(w => Task.Run(() => WorkAsync(w), CancellationToken.None))).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        return (perWorker.SelectMany(s => s).ToList(), elapsed, stoppedByTime == 1);
    }

    private async Task<Sample> SendAsync(LoadRequest request, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, new Uri(target, request.PathAndQuery));
        if (request.Accept is not null)
        {
            message.Headers.TryAddWithoutValidation("Accept", request.Accept);
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var bytes = await DrainAsync(response.Content, cancellationToken).ConfigureAwait(false);
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var (tier, transform) = ServerTiming(response.Headers);
            return new Sample((int)response.StatusCode, ms, bytes, tier, transform, response.Headers.ETag?.Tag, response.Content.Headers.ContentType?.MediaType, null);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var what = e is TaskCanceledException && !cancellationToken.IsCancellationRequested ? "timeout" : e.GetType().Name + ": " + e.Message;
            return new Sample(0, ms, 0, null, null, null, null, what);
        }
    }

    private static async Task<long> DrainAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[64 * 1024];
            long total = 0;
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
            }

            return total;
        }
    }

    /// <summary>Reads <c>cache;desc=miss, origin;dur=1.2, transform;dur=85.0</c>.</summary>
    private static (string? Tier, double? TransformMilliseconds) ServerTiming(HttpResponseHeaders headers)
    {
        if (!headers.TryGetValues("Server-Timing", out var values))
        {
            return (null, null);
        }

        string? tier = null;
        double? transform = null;
        foreach (var metric in values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries)))
        {
            var parts = metric.Split(';', StringSplitOptions.TrimEntries);
            foreach (var parameter in parts.Skip(1))
            {
                if (parts[0] == "cache" && parameter.StartsWith("desc=", StringComparison.Ordinal))
                {
                    tier = parameter[5..];
                }
                else if (parts[0] == "transform" && parameter.StartsWith("dur=", StringComparison.Ordinal)
                    && double.TryParse(parameter[4..], NumberStyles.Float, CultureInfo.InvariantCulture, out var ms))
                {
                    transform = ms;
                }
            }
        }

        return (tier, transform);
    }
}
