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

    /// <summary>The route's first segment as one of its constant names (no string is made per request), else "other".</summary>
    private static string Route(PathString path)
    {
        var value = (path.Value ?? "/").AsSpan(1);
        var end = value.IndexOf('/');
        return (end < 0 ? value : value[..end]) switch
        {
            "img" => "img",
            "video" => "video",
            "o" => "o",
            "purge" => "purge",
            "healthz" => "healthz",
            "readyz" => "readyz",
            "metrics" => "metrics",
            _ => "other",
        };
    }

    /// <summary>The tier named by Server-Timing's <c>cache;desc=</c>, as a constant where it is one of ours.</summary>
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
        var tier = (comma < 0 ? rest : rest[..comma]).Trim();
        return tier switch
        {
            "hit-l1" => "hit-l1",
            "hit-l2" => "hit-l2",
            "hit-disk" => "hit-disk",
            "miss" => "miss",
            "stale" => "stale",
            _ => tier.ToString(),
        };
    }
}
