using MediaEdge.Caching;
using MediaEdge.Origins;

namespace MediaEdge.Server.Endpoints;

/// <summary>
/// /healthz: the process answers. /readyz: every origin is reachable (503 otherwise); Redis is reported, and its
/// absence makes the node "degraded", never unready, since Redis only accelerates.
/// </summary>
public static class HealthEndpoints
{
    public static void MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/healthz", [HttpMethods.Get, HttpMethods.Head], () => Results.Text("ok"));
        app.MapMethods("/readyz", [HttpMethods.Get, HttpMethods.Head], async (OriginRegistry origins, ISharedTier shared, TimeProvider time, CancellationToken ct) =>
        {
            var sources = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, origin) in origins.All)
            {
                var (ready, _) = await OriginReadiness.CheckAsync(origin, time, ct);
                sources[name] = ready ? "ok" : "unreachable";
            }

            var health = shared.Health;
            var originsOk = sources.Values.All(v => v == "ok");
            var status = !originsOk ? "unready" : health.Degraded ? "degraded" : "ready";
            return Results.Json(
                new { status, origins = sources, redis = health.Redis, breaker = health.Breaker },
                statusCode: originsOk ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
    }
}
