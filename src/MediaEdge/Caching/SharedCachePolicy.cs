using MediaEdge.Origins;

namespace MediaEdge.Caching;

/// <summary>
/// RFC 9111 for the /o/ route, as pure functions: what may be stored, for how long it is fresh, how old it is,
/// and when a stale copy may still be served. The configured windows apply only where the origin says nothing.
/// </summary>
public sealed class SharedCachePolicy
{
    /// <summary>Request headers MediaEdge forwards to origins, so responses that vary on them can be stored per value.</summary>
    public static readonly string[] ForwardedHeaders = ["Accept", "Accept-Language"];

    private readonly CacheOptions _options;

    public SharedCachePolicy(CacheOptions options)
    {
        _options = options;
    }

    /// <summary>Null where the response may be stored by a shared cache; else why not.</summary>
    public static string? Unstorable(OriginCacheHeaders headers, bool requestHadAuthorization)
    {
        var d = CacheDirectives.Parse(headers.CacheControl);
        if (d.NoStore)
        {
            return "no-store";
        }

        if (d.Private)
        {
            return "private";
        }

        if (requestHadAuthorization && !(d.Public || d.SharedMaxAge is not null || d.MustRevalidate))
        {
            return "authorization";
        }

        if (headers.Vary is { } vary)
        {
            foreach (var name in VaryNames(vary))
            {
                if (name == "*" || !ForwardedHeaders.Contains(name, StringComparer.OrdinalIgnoreCase))
                {
                    return $"vary:{name}";
                }
            }
        }

        return null;
    }

    public static IReadOnlyList<string> VaryNames(string? vary) =>
        string.IsNullOrWhiteSpace(vary) ? [] : vary.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>RFC 9111 4.2.1: s-maxage, then max-age, then Expires − Date, then the heuristic (10% of the time since Last-Modified), else the configured freshness.</summary>
    public TimeSpan FreshnessLifetime(OriginObjectInfo info)
    {
        var headers = info.CacheHeaders;
        var d = CacheDirectives.Parse(headers.CacheControl);
        if (d.SharedMaxAge is { } shared)
        {
            return shared;
        }

        if (d.MaxAge is { } max)
        {
            return max;
        }

        if (headers.Expires is { } expires)
        {
            var date = headers.Date ?? expires;
            return expires > date ? expires - date : TimeSpan.Zero;
        }

        if (headers.Date is { } responseDate && info.LastModified is { } modified && responseDate > modified)
        {
            return TimeSpan.FromTicks(Math.Min((responseDate - modified).Ticks / 10, TimeSpan.FromSeconds(_options.FreshSeconds).Ticks));
        }

        return TimeSpan.FromSeconds(_options.FreshSeconds);
    }

    /// <summary>RFC 9111 4.2.3, with the response time taken as the time it was stored.</summary>
    public static TimeSpan CurrentAge(OriginObjectInfo info, DateTimeOffset storedAt, DateTimeOffset now)
    {
        var received = info.CacheHeaders.Age ?? TimeSpan.Zero;
        var apparent = info.CacheHeaders.Date is { } date && storedAt > date ? storedAt - date : TimeSpan.Zero;
        var resident = now > storedAt ? now - storedAt : TimeSpan.Zero;
        return (received > apparent ? received : apparent) + resident;
    }

    /// <summary>True where a stored response must be revalidated before every use (no-cache).</summary>
    public static bool AlwaysRevalidate(OriginObjectInfo info) => CacheDirectives.Parse(info.CacheHeaders.CacheControl).NoCache;

    /// <summary>How long past its freshness a response may be served while it is revalidated in the background.</summary>
    public TimeSpan StaleWhileRevalidate(OriginObjectInfo info) => StaleWindow(info, d => d.StaleWhileRevalidate, _options.StaleWhileRevalidateSeconds);

    /// <summary>How long past its freshness a response may be served when the origin fails.</summary>
    public TimeSpan StaleIfError(OriginObjectInfo info) => StaleWindow(info, d => d.StaleIfError, _options.StaleIfErrorSeconds);

    private static TimeSpan StaleWindow(OriginObjectInfo info, Func<CacheDirectives, TimeSpan?> pick, int configuredSeconds)
    {
        var d = CacheDirectives.Parse(info.CacheHeaders.CacheControl);
        if (d.MustRevalidate || d.NoCache)
        {
            return TimeSpan.Zero;
        }

        // An origin that set Cache-Control decides alone; one that said nothing gets the configured windows.
        return pick(d) ?? (info.CacheHeaders.CacheControl is null ? TimeSpan.FromSeconds(configuredSeconds) : TimeSpan.Zero);
    }
}
