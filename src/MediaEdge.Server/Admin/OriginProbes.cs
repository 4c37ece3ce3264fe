using MediaEdge.Origins;

namespace MediaEdge.Server.Admin;

/// <summary>
/// Each source's reachability for the dashboard: <see cref="OriginReadiness"/>, as <c>/readyz</c> asks,
/// at most once every 10 s however many pages poll, remembering when each source last answered and last failed.
/// </summary>
internal sealed class OriginProbes(OriginRegistry origins, TimeProvider time)
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, OriginProbe> _last = new(StringComparer.Ordinal);
    private Task<IReadOnlyDictionary<string, OriginProbe>>? _probing;
    private DateTimeOffset _probedAt;

    /// <summary>The latest probe of every source, probing again first where the last is older than 10 s.</summary>
    public Task<IReadOnlyDictionary<string, OriginProbe>> CurrentAsync()
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (_probing is null || (_probing.IsCompleted && now - _probedAt >= Interval))
            {
                _probedAt = now;
                _probing = ProbeAllAsync();
            }

            return _probing;
        }
    }

    private async Task<IReadOnlyDictionary<string, OriginProbe>> ProbeAllAsync()
    {
        var results = await Task.WhenAll(origins.All.Select(async pair => (pair.Key, Result: await OriginReadiness.CheckAsync(pair.Value, time, CancellationToken.None))));
        lock (_lock)
        {
            foreach (var (source, (ready, error)) in results)
            {
                var at = time.GetUtcNow();
                var before = _last.GetValueOrDefault(source);
                _last[source] = ready
                    ? new OriginProbe(true, at, at, before?.LastErrorAt, before?.LastError)
                    : new OriginProbe(false, at, before?.LastOkAt, at, error);
            }

            return new Dictionary<string, OriginProbe>(_last, StringComparer.Ordinal);
        }
    }
}

/// <summary>One source's last probe.</summary>
/// <param name="Reachable">Whether the source answered the last probe.</param>
/// <param name="CheckedAt">When the last probe ended.</param>
/// <param name="LastOkAt">When a probe last succeeded; null if none has.</param>
/// <param name="LastErrorAt">When a probe last failed; null if none has.</param>
/// <param name="LastError">What the last failed probe reported.</param>
internal sealed record OriginProbe(bool Reachable, DateTimeOffset CheckedAt, DateTimeOffset? LastOkAt, DateTimeOffset? LastErrorAt, string? LastError);
