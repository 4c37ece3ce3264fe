using MediaEdge.Diagnostics;

namespace MediaEdge.Server.Endpoints;

/// <summary>Counts every response by route, status and cache tier (read from Server-Timing), with its body size, and tags it with X-Request-Id.</summary>
public sealed class RequestMetricsMiddleware(RequestDelegate next, MediaEdgeMetrics metrics)
{
    public async Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var context = (HttpContext)state;
            context.Response.Headers["X-Request-Id"] = context.TraceIdentifier;
            return Task.CompletedTask;
        }, context);
        try
        {
            await next(context);
        }
        finally
        {
            var response = context.Response;
            metrics.Responded(Route(context.Request.Path), response.StatusCode, Tier(response.Headers["Server-Timing"].ToString()), response.ContentLength ?? 0);
        }
    }

    private static string Route(PathString path)
    {
        var value = path.Value ?? "/";
        var end = value.IndexOf('/', 1);
        var first = end < 0 ? value[1..] : value[1..end];
        return first is "img" or "video" or "o" or "purge" or "healthz" or "readyz" or "metrics" ? first : "other";
    }

    private static string Tier(string serverTiming)
    {
        const string Marker = "cache;desc=";
        var at = serverTiming.IndexOf(Marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return "none";
        }

        var rest = serverTiming.AsSpan(at + Marker.Length);
        var comma = rest.IndexOf(',');
        return (comma < 0 ? rest : rest[..comma]).Trim().ToString();
    }
}
