using MediaEdge.Caching;
using MediaEdge.Origins;

namespace MediaEdge.Shield;

/// <summary>
/// RFC 9111 for the /o/ shared cache as pure functions of a response's fields and times: whether it may be stored (§3),
/// its freshness lifetime (§4.2.1, heuristics §4.2.2), its current age (§4.2.3), and how long past that it may still be
/// served stale (RFC 5861). CDN-Cache-Control, where present and valid, replaces Cache-Control (RFC 9213). An origin that
/// sends no freshness information at all, but an ETag, gets the configured Cache:FreshSeconds and stale windows as a Cache-Control of its own.
/// </summary>
public sealed class ExpirationModel(CacheOptions options)
{
    /// <summary>Statuses cacheable by default, which heuristic freshness may apply to (RFC 9110 §15.1).</summary>
    public static readonly IReadOnlySet<int> HeuristicallyCacheable = new HashSet<int> { 200, 203, 204, 206, 300, 301, 308, 404, 405, 410, 414, 501 };

    /// <summary>Statuses whose caching rules RFC 9110 defines (§15), for must-understand (RFC 9111 §5.2.2.3).</summary>
    public static readonly IReadOnlySet<int> Understood = new HashSet<int>
    {
        200, 201, 202, 203, 204, 205, 206, 300, 301, 302, 303, 304, 305, 307, 308,
        400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 421, 422, 426,
        500, 501, 502, 503, 504, 505,
    };

    // Statuses that a silent origin's response is fresh for Cache:FreshSeconds (the embedded default, DESIGN "Caching and HTTP").
    private static readonly HashSet<int> ConfiguredFreshness = [200, 203, 204, 300, 301, 308];

    /// <summary>
    /// The directives that govern this cache: CDN-Cache-Control where present and valid (RFC 9213), else Surrogate-Control's
    /// untargeted directives where present (W3C Edge Architecture 1.0; a directive ";target"ed at another device is not ours), else Cache-Control.
    /// </summary>
    public static CacheControl Directives(IReadOnlyList<HeaderField> headers) => Targeted(headers) ?? CacheControl.Parse(headers.All("Cache-Control"));

    /// <summary>The directives of a targeted field (a valid CDN-Cache-Control, else Surrogate-Control); null where there is none, and Cache-Control and Expires then decide.</summary>
    public static CacheControl? Targeted(IReadOnlyList<HeaderField> headers)
    {
        if (CdnCacheControl.Parse(headers.All("CDN-Cache-Control")) is { } cdn)
        {
            return cdn;
        }

        var surrogate = headers.All("Surrogate-Control");
        return surrogate.Count > 0
            ? CacheControl.Parse(string.Join(",", surrogate.SelectMany(l => l.Split(',')).Select(OwnSurrogateDirective).OfType<string>()))
            : null;
    }

    /// <summary>The Expires lines that count: none where a targeted field governs (RFC 9213 §2.1: the cache "MUST ignore the Cache-Control and Expires header fields").</summary>
    private static IReadOnlyList<string> Expires(IReadOnlyList<HeaderField> headers) => Targeted(headers) is null ? headers.All("Expires") : [];

    /// <summary>The device token MediaEdge announces in Surrogate-Capability (Edge Architecture 1.0 §2.1), so origins can target it.</summary>
    public const string SurrogateToken = "mediaedge";

    /// <summary>A Surrogate-Control directive for this cache: untargeted, or ";mediaedge" (the target removed); null for one aimed at another device.</summary>
    private static string? OwnSurrogateDirective(string directive)
    {
        var semicolon = directive.IndexOf(';');
        return semicolon < 0 ? directive
            : directive[(semicolon + 1)..].Trim().Equals(SurrogateToken, StringComparison.OrdinalIgnoreCase) ? directive[..semicolon] : null;
    }

    /// <summary>True where the origin said nothing about freshness: no Cache-Control, no targeted field (an invalid CDN-Cache-Control counts as absent, RFC 9213 §2.1), no Expires.</summary>
    public static bool Silent(IReadOnlyList<HeaderField> headers) =>
        !headers.Has("Cache-Control") && Targeted(headers) is null && !headers.Has("Expires");

    /// <summary>Null where a response to a GET may be stored by a shared cache (RFC 9111 §3, §3.5); else the reason it may not.</summary>
    public static string? Unstorable(int status, IReadOnlyList<HeaderField> headers, bool requestHadAuthorization)
    {
        if (status is < 200 or 206 or 304)
        {
            return status == 206 ? "partial" : "status";
        }

        var d = Directives(headers);
        if (d.MustUnderstand && !Understood.Contains(status))
        {
            return "must-understand";
        }

        if (d.NoStore && !(d.MustUnderstand && Understood.Contains(status)))
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

        if (FieldLines.Names(headers.All("Vary")).Contains("*"))
        {
            return "vary:*";
        }

        var explicitly = d.Public || d.MaxAge is not null || d.SharedMaxAge is not null || Expires(headers).Count > 0;
        return explicitly || HeuristicallyCacheable.Contains(status) ? null : "no freshness information";
    }

    /// <summary>
    /// The Cache-Control a response gets where its origin sent no freshness information at all (<see cref="Silent"/>, and
    /// no Last-Modified to base a heuristic on) but an ETag to revalidate with, and its status is one the configured
    /// freshness applies to; else null. A response with neither freshness nor a validator is not reused (RFC 9111 §4.2.2 leaves it to the cache).
    /// </summary>
    public string? ConfiguredCacheControl(int status, IReadOnlyList<HeaderField> headers) =>
        ConfiguredFreshness.Contains(status) && Silent(headers) && !headers.Has("Last-Modified") && headers.Has("ETag")
            ? FreshnessPolicy.CacheControl(options, options.FreshSeconds)
            : null;

    /// <summary>RFC 9111 §4.2.1: s-maxage, then max-age, then Expires − Date (an invalid Expires: zero), then a heuristic.</summary>
    public TimeSpan FreshnessLifetime(ResponseHead head)
    {
        var headers = head.Headers;
        var d = Directives(headers);
        if (d.SharedMaxAge is { } shared)
        {
            return shared;
        }

        if (d.MaxAge is { } max)
        {
            return max;
        }

        var expires = Expires(headers);
        if (expires.Count > 0)
        {
            // Two Expires lines that disagree are invalid too (§4.2.1: "either the first ... or considered stale").
            if (expires.Distinct(StringComparer.Ordinal).Count() != 1 || !HttpDate.TryParse(expires[0], head.ResponseTime, out var at))
            {
                return TimeSpan.Zero;
            }

            var date = DateValue(head);
            return at > date ? at - date : TimeSpan.Zero;
        }

        return Heuristic(head, d);
    }

    /// <summary>RFC 9111 §4.2.3: corrected initial age plus the time resident in this cache.</summary>
    public static TimeSpan CurrentAge(ResponseHead head, DateTimeOffset now)
    {
        var ageValue = AgeValue(head.Headers) ?? TimeSpan.Zero;
        var apparent = Max(TimeSpan.Zero, head.ResponseTime - DateValue(head));
        var responseDelay = Max(TimeSpan.Zero, head.ResponseTime - head.RequestTime);
        var correctedInitial = Max(apparent, ageValue + responseDelay);
        return correctedInitial + Max(TimeSpan.Zero, now - head.ResponseTime);
    }

    /// <summary>RFC 9111 §5.1: the first member of the first Age line, where it is delta-seconds; anything else is ignored.</summary>
    public static TimeSpan? AgeValue(IReadOnlyList<HeaderField> headers)
    {
        var first = headers.First("Age");
        if (first is null)
        {
            return null;
        }

        var member = first.Split(',')[0].Trim();
        return CacheControl.DeltaSeconds(member);
    }

    /// <summary>How long past its lifetime a stored response may be served while it is revalidated in the background (RFC 5861 §3).</summary>
    public TimeSpan StaleWhileRevalidate(ResponseHead head) => StaleWindow(head, d => d.StaleWhileRevalidate);

    /// <summary>
    /// How long past its lifetime a stored response may be served when the origin cannot be reached at all: RFC 9111 §4.2.4
    /// allows stale responses to a disconnected cache unless the response forbids it; bounded by stale-if-error or Cache:StaleIfErrorSeconds, whichever is longer.
    /// </summary>
    public TimeSpan StaleWhenDisconnected(ResponseHead head)
    {
        var configured = TimeSpan.FromSeconds(options.StaleIfErrorSeconds);
        var own = StaleIfError(head);
        return Directives(head.Headers).ForbidsStale ? TimeSpan.Zero : own > configured ? own : configured;
    }

    /// <summary>How long past its lifetime a stored response may be served when the origin fails (RFC 5861 §4).</summary>
    public TimeSpan StaleIfError(ResponseHead head) => StaleWindow(head, d => d.StaleIfError);

    /// <summary>The Date field's value, or the response time where it is missing or invalid (RFC 9110 §6.6.1).</summary>
    public static DateTimeOffset DateValue(ResponseHead head) =>
        HttpDate.TryParse(head.Headers.First("Date"), head.ResponseTime, out var date) ? date : head.ResponseTime;

    private TimeSpan Heuristic(ResponseHead head, CacheControl d)
    {
        if (!(HeuristicallyCacheable.Contains(head.Status) || d.Public))
        {
            return TimeSpan.Zero;
        }

        var cap = TimeSpan.FromSeconds(options.FreshSeconds);
        if (head.Headers.First("Last-Modified") is { } lastModified)
        {
            var date = DateValue(head);
            return HttpDate.TryParse(lastModified, head.ResponseTime, out var modified) && date > modified
                ? TimeSpan.FromTicks(Math.Min((date - modified).Ticks / 10, cap.Ticks))
                : TimeSpan.Zero;
        }

        return ConfiguredFreshness.Contains(head.Status) && Silent(head.Headers) && head.Headers.Has("ETag") ? cap : TimeSpan.Zero;
    }

    private static TimeSpan StaleWindow(ResponseHead head, Func<CacheControl, TimeSpan?> pick)
    {
        var d = Directives(head.Headers);
        if (d.ForbidsStale)
        {
            return TimeSpan.Zero;
        }

        // A silent origin's configured windows arrive as the Cache-Control advertised for it (ConfiguredCacheControl); nothing is implied here.
        return pick(d) ?? TimeSpan.Zero;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
