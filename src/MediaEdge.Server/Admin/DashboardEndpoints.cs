using MediaEdge.Caching;
using MediaEdge.Diagnostics.Live;
using MediaEdge.Origins;

namespace MediaEdge.Server.Admin;

/// <summary><c>GET /admin/api/stats</c>: what the dashboard charts, from this node alone (<see cref="LiveStats"/>, the L2's health, the origins' probes).</summary>
internal static class DashboardEndpoints
{
    /// <summary>The dashboard's services: the live stats (which start listening to the meter now) and the origin probes.</summary>
    public static void AddDashboard(this IServiceCollection services)
    {
        services.AddSingleton<LiveStats>();
        services.AddSingleton<OriginProbes>();
    }

    /// <summary>Maps <c>/stats</c> on the admin API group.</summary>
    public static void MapDashboard(this RouteGroupBuilder api) =>
        api.MapGet("/stats", async (LiveStats live, ISharedTier shared, OriginRegistry registry, OriginProbes probes) =>
        {
            var snapshot = live.Snapshot();
            var probed = await probes.CurrentAsync();
            var activity = snapshot.Origins.ToDictionary(o => o.Source, StringComparer.Ordinal);
            var health = shared.Health;
            var origins = registry.All.Keys.Order(StringComparer.Ordinal).Select(source =>
            {
                var read = activity.GetValueOrDefault(source);
                return new OriginHealth(source, probed.GetValueOrDefault(source), read?.Reads ?? 0, read?.Bytes ?? 0, read?.P95Milliseconds, read?.LastReadAt);
            });
            return Results.Json(new DashboardStats(
                snapshot.Now,
                snapshot.BucketSeconds,
                snapshot.WindowSeconds,
                snapshot.Series,
                snapshot.Totals,
                snapshot.Slowest,
                new RedisHealth(health.Redis, health.Breaker, snapshot.Totals.L2Errors),
                [.. origins]));
        });
}

/// <summary>The JSON of <c>GET /admin/api/stats</c>; see <see cref="LiveSnapshot"/> for the fields it shares.</summary>
/// <param name="Now">The node's clock when the answer was made.</param>
/// <param name="BucketSeconds">The width of one interval of <paramref name="Series"/>, in seconds (2).</param>
/// <param name="WindowSeconds">How far back the series, totals and slowest list reach, in seconds (300).</param>
/// <param name="Series">Per-interval values, oldest first: <c>time</c>, <c>tiers</c>, <c>status</c>, <c>transformP50/P95/P99</c>, <c>bytesSaved</c>, <c>l2Errors</c>.</param>
/// <param name="Totals">Sums over the window: responses, by tier, by status class, the top codes, transforms and their percentiles, bytes saved, L2 errors.</param>
/// <param name="Slowest">The 20 slowest transforms of the window with their URLs, slowest first.</param>
/// <param name="Redis">The shared tier's health.</param>
/// <param name="Origins">Every configured source: its last probe and its reads in the window.</param>
internal sealed record DashboardStats(
    DateTimeOffset Now,
    int BucketSeconds,
    int WindowSeconds,
    LiveSeries Series,
    LiveTotals Totals,
    IReadOnlyList<SlowTransform> Slowest,
    RedisHealth Redis,
    IReadOnlyList<OriginHealth> Origins);

/// <summary>Redis as the dashboard shows it.</summary>
/// <param name="State"><c>connected</c>, <c>disconnected</c> or <c>not-configured</c>.</param>
/// <param name="Breaker">The circuit breaker: <c>closed</c>, <c>open</c> or <c>halfopen</c>; null without Redis.</param>
/// <param name="Errors">Redis calls that failed in the window.</param>
internal sealed record RedisHealth(string State, string? Breaker, long Errors);

/// <summary>One source as the dashboard shows it.</summary>
/// <param name="Source">The source's configured name.</param>
/// <param name="Probe">Its last reachability probe; null until one has ended.</param>
/// <param name="Reads">Whole-object reads in the window.</param>
/// <param name="Bytes">Bytes read in the window.</param>
/// <param name="P95Milliseconds">95th percentile read time in the window, in ms; null without reads.</param>
/// <param name="LastReadAt">When its last read completed; null if none has since the node started.</param>
internal sealed record OriginHealth(string Source, OriginProbe? Probe, long Reads, long Bytes, double? P95Milliseconds, DateTimeOffset? LastReadAt);
