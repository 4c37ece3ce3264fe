using System.Globalization;

namespace MediaEdge.Shield;

/// <summary>
/// The response directives a shared cache acts on (RFC 9111 §5.2.2, RFC 5861, RFC 8246), from Cache-Control or a valid
/// CDN-Cache-Control (RFC 9213). Names are case-insensitive; arguments may be tokens or quoted strings (§5.2); the first
/// of duplicate directives wins (§4.2.1); an invalid delta-seconds makes the response stale (a lifetime of zero), and
/// values past 2^31 are 2^31 seconds (§1.2.2).
/// </summary>
// By hand: CacheControlHeaderValue drops the whole field for one bad argument, where RFC 9111 keeps the rest and reads a bad delta as stale.
public sealed record CacheControl
{
    /// <summary>The largest delta-seconds a cache must represent (RFC 9111 §1.2.2).</summary>
    public static readonly TimeSpan MaxDelta = TimeSpan.FromSeconds(2147483648);

    public static CacheControl None { get; } = new();

    public bool NoStore { get; init; }

    /// <summary>Unqualified no-cache: stored, but revalidated before every use (§5.2.2.4).</summary>
    public bool NoCache { get; init; }

    /// <summary>Qualified no-cache="a, b": those fields are not sent from storage without revalidation.</summary>
    public IReadOnlyList<string> NoCacheFields { get; init; } = [];

    /// <summary>Unqualified private: a shared cache does not store the response (§5.2.2.7).</summary>
    public bool Private { get; init; }

    /// <summary>Qualified private="a, b": the response is stored without those fields.</summary>
    public IReadOnlyList<string> PrivateFields { get; init; } = [];

    public bool Public { get; init; }

    public bool MustRevalidate { get; init; }

    public bool ProxyRevalidate { get; init; }

    public bool MustUnderstand { get; init; }

    public bool NoTransform { get; init; }

    public bool Immutable { get; init; }

    public TimeSpan? MaxAge { get; init; }

    public TimeSpan? SharedMaxAge { get; init; }

    public TimeSpan? StaleWhileRevalidate { get; init; }

    public TimeSpan? StaleIfError { get; init; }

    /// <summary>True where a stale copy must never be served without revalidating (must-revalidate, proxy-revalidate, s-maxage, no-cache).</summary>
    public bool ForbidsStale => MustRevalidate || ProxyRevalidate || SharedMaxAge is not null || NoCache;

    /// <summary>Parses every Cache-Control field line of a message (joined with commas, as RFC 9110 §5.3 allows).</summary>
    public static CacheControl Parse(IEnumerable<string> lines) => Parse(string.Join(",", lines));

    public static CacheControl Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return None;
        }

        var d = new CacheControl();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (rawName, argument) in Directives(value))
        {
            var name = rawName.ToLowerInvariant();
            if (!seen.Add(name))
            {
                continue;
            }

            d = name switch
            {
                "no-store" => d with { NoStore = true },
                "no-cache" when argument is null => d with { NoCache = true },
                "no-cache" => d with { NoCacheFields = FieldNames(argument) },
                "private" when argument is null => d with { Private = true },
                "private" => d with { PrivateFields = FieldNames(argument) },
                "public" => d with { Public = true },
                "must-revalidate" => d with { MustRevalidate = true },
                "proxy-revalidate" => d with { ProxyRevalidate = true },
                "must-understand" => d with { MustUnderstand = true },
                "no-transform" => d with { NoTransform = true },
                "immutable" => d with { Immutable = true },
                "max-age" => d with { MaxAge = DeltaSeconds(argument) ?? TimeSpan.Zero },
                "s-maxage" => d with { SharedMaxAge = DeltaSeconds(argument) ?? TimeSpan.Zero },
                "stale-while-revalidate" => d with { StaleWhileRevalidate = DeltaSeconds(argument) },
                "stale-if-error" => d with { StaleIfError = DeltaSeconds(argument) },
                _ => d,
            };
        }

        return d;
    }

    /// <summary>RFC 9111 §1.2.2 delta-seconds: 1*DIGIT (leading zeros allowed), capped at 2^31; null where not digits.</summary>
    public static TimeSpan? DeltaSeconds(string? text)
    {
        if (string.IsNullOrEmpty(text) || !text.All(char.IsAsciiDigit))
        {
            return null;
        }

        var digits = text.TrimStart('0');
        if (digits.Length > 10 || !long.TryParse(digits.Length == 0 ? "0" : digits, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return MaxDelta;
        }

        return TimeSpan.FromSeconds(Math.Min(seconds, (long)MaxDelta.TotalSeconds));
    }

    /// <summary>Splits "a, b=1, c=\"x, y\"" into (name, argument) pairs, commas inside quoted strings kept; an argument is unquoted and unescaped.</summary>
    private static IEnumerable<(string Name, string? Argument)> Directives(string value)
    {
        var i = 0;
        while (i < value.Length)
        {
            while (i < value.Length && (value[i] is ',' or ' ' or '\t'))
            {
                i++;
            }

            var start = i;
            while (i < value.Length && value[i] is not ('=' or ','))
            {
                i++;
            }

            var name = value[start..i].Trim();
            string? argument = null;
            if (i < value.Length && value[i] == '=')
            {
                i++;
                while (i < value.Length && value[i] is ' ' or '\t')
                {
                    i++;
                }

                if (i < value.Length && value[i] == '"')
                {
                    var text = new System.Text.StringBuilder();
                    for (i++; i < value.Length && value[i] != '"'; i++)
                    {
                        if (value[i] == '\\' && i + 1 < value.Length)
                        {
                            i++;
                        }

                        text.Append(value[i]);
                    }

                    i++;
                    argument = text.ToString();
                    while (i < value.Length && value[i] != ',')
                    {
                        i++;
                    }
                }
                else
                {
                    var at = i;
                    while (i < value.Length && value[i] != ',')
                    {
                        i++;
                    }

                    argument = value[at..i].Trim();
                }
            }

            if (name.Length > 0)
            {
                yield return (name, argument);
            }
        }
    }

    private static string[] FieldNames(string argument) =>
        argument.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
