using MediaEdge.Caching;
using MediaEdge.Imaging;
using MediaEdge.Imaging.Isolation;
using MediaEdge.Origins;

namespace MediaEdge.Server.Endpoints;

/// <summary>
/// /healthz: the process answers. /readyz: every origin is reachable and the imaging workers started with the node are
/// warm (503 otherwise); Redis is reported, and its absence makes the node "degraded", never unready, since Redis only
/// accelerates.
/// </summary>
public static class HealthEndpoints
{
    public static void MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/healthz", [HttpMethods.Get, HttpMethods.Head], () => Results.Text("ok"));
        app.MapMethods("/readyz", [HttpMethods.Get, HttpMethods.Head], async (OriginRegistry origins, ISharedTier shared, IImageEngine engine, TimeProvider time, CancellationToken ct) =>
        {
            var sources = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, origin) in origins.All)
            {
                var (ready, _) = await OriginReadiness.CheckAsync(origin, time, ct);
                sources[name] = ready ? "ok" : "unreachable";
            }

            var health = shared.Health;
            var imaging = engine is IsolatedImageEngine { WhenReady.IsCompleted: false } ? "warming" : "ok";
            var serving = sources.Values.All(v => v == "ok") && imaging == "ok";
            var status = !serving ? "unready" : health.Degraded ? "degraded" : "ready";
            return Results.Json(
                new { status, origins = sources, imaging, redis = health.Redis, breaker = health.Breaker },
                statusCode: serving ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
    }
}
