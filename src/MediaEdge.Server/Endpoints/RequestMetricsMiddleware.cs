using System.Globalization;
using MediaEdge.Diagnostics;
using MediaEdge.Diagnostics.Live;
using MediaEdge.Server.Tenancy;
using MediaEdge.Tenancy.Usage;

namespace MediaEdge.Server.Endpoints;

/// <summary>
/// Counts every response by route, status and cache tier (read from Server-Timing), with its body size, and tags it with
/// X-Request-Id; a response for a source (<see cref="SourceFeature"/>) is metered for it as the response starts, so a
/// client that has its answer finds it in the usage records; where the dashboard's <paramref name="live"/> stats run,
/// each transform is offered to their slowest list.
/// </summary>
internal sealed class RequestMetricsMiddleware(RequestDelegate next, MediaEdgeMetrics metrics, UsageMeter usage, LiveStats? live = null)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var source = new SourceFeature(usage);
        context.Features.Set(source);
        var metered = false;
        context.Response.OnStarting(() =>
        {
            context.Response.Headers["X-Request-Id"] = context.TraceIdentifier;
            // A response with no body starts only after the pipeline has returned, and was metered then.
            if (!metered)
            {
                metered = Meter(context, source);
            }

            return Task.CompletedTask;
        });
        try
        {
            await next(context);
        }
        finally
        {
            var response = context.Response;
            var serverTiming = response.Headers["Server-Timing"].ToString();
            metrics.Responded(Route(context.Request.Path), response.StatusCode, Tier(serverTiming), response.ContentLength ?? 0);
            if (!metered)
            {
                // The response has not started: it has no body (HEAD, 304, an empty problem), or the client went away.
                metered = Meter(context, source);
            }

            if (live is not null && TransformMilliseconds(serverTiming) is { } transform)
            {
                live.TransformServed(context.Request.Path.ToUriComponent() + context.Request.QueryString.ToUriComponent(), transform);
            }
        }
    }

    /// <summary>Meters the response for its source, if it has one: status, tier, and the body bytes it sends (none for HEAD or 304).</summary>
    private bool Meter(HttpContext context, SourceFeature source)
    {
        if (source.Source is not { } name)
        {
            return false;
        }

        var response = context.Response;
        var bytes = HttpMethods.IsHead(context.Request.Method) || response.StatusCode == StatusCodes.Status304NotModified ? 0 : response.ContentLength ?? 0;
        usage.Responded(name, response.StatusCode, Tier(response.Headers["Server-Timing"].ToString()), bytes);
        return true;
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
            "admin" => "admin",
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

    /// <summary>The <c>dur=</c> of Server-Timing's <c>transform</c> metric (<c>transform;dur=12.3</c> or <c>transform;desc=…;dur=12.3</c>), if any.</summary>
    internal static double? TransformMilliseconds(string serverTiming)
    {
        var at = serverTiming.IndexOf("transform;", StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var metric = serverTiming.AsSpan(at);
        var comma = metric.IndexOf(',');
        metric = comma < 0 ? metric : metric[..comma];
        var dur = metric.IndexOf("dur=", StringComparison.Ordinal);
        return dur >= 0 && double.TryParse(metric[(dur + 4)..].TrimEnd(), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) ? ms : null;
    }
}
