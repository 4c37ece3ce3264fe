using System.Globalization;

namespace MediaEdge.Caching;

/// <summary>The Cache-Control response directives a shared cache acts on (RFC 9111, 5.2.2; RFC 5861).</summary>
public sealed record CacheDirectives
{
    public static CacheDirectives None { get; } = new();

    public bool NoStore { get; init; }

    public bool NoCache { get; init; }

    public bool Private { get; init; }

    public bool Public { get; init; }

    public bool MustRevalidate { get; init; }

    public TimeSpan? MaxAge { get; init; }

    public TimeSpan? SharedMaxAge { get; init; }

    public TimeSpan? StaleWhileRevalidate { get; init; }

    public TimeSpan? StaleIfError { get; init; }

    /// <summary>True where the header said anything about freshness.</summary>
    public bool SaysFreshness => MaxAge is not null || SharedMaxAge is not null || NoCache;

    public static CacheDirectives Parse(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return None;
        }

        var d = new CacheDirectives();
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            var name = (eq < 0 ? part : part[..eq]).Trim().ToLowerInvariant();
            var value = eq < 0 ? null : part[(eq + 1)..].Trim().Trim('"');
            TimeSpan? Seconds() =>
                long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? TimeSpan.FromSeconds(Math.Min(s, int.MaxValue)) : null;
            d = name switch
            {
                "no-store" => d with { NoStore = true },
                "no-cache" => d with { NoCache = true },
                "private" => d with { Private = true },
                "public" => d with { Public = true },
                "must-revalidate" or "proxy-revalidate" => d with { MustRevalidate = true },
                "max-age" => d with { MaxAge = Seconds() ?? TimeSpan.Zero },
                "s-maxage" => d with { SharedMaxAge = Seconds() ?? TimeSpan.Zero, MustRevalidate = true },
                "stale-while-revalidate" => d with { StaleWhileRevalidate = Seconds() },
                "stale-if-error" => d with { StaleIfError = Seconds() },
                _ => d,
            };
        }

        return d;
    }
}
