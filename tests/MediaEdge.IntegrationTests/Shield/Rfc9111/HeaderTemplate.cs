using System.Text.RegularExpressions;

namespace MediaEdge.IntegrationTests.Shield.Rfc9111;

/// <summary>
/// Makes header values written relative to a case's start concrete: <c>{T+60}</c> is the IMF-fixdate 60 s after it,
/// <c>{T-300:rfc850}</c> another RFC 9110 §5.6.7 form (or a deliberately invalid one), <c>{origin}</c> the origin's
/// scheme, host and port. Cases are written before any clock exists, so their dates can only be relative.
/// </summary>
public sealed partial class HeaderTemplate
{
    private readonly DateTimeOffset _start;
    private readonly string _origin;

    public HeaderTemplate(DateTimeOffset start, Uri origin)
    {
        _start = start;
        _origin = origin.GetLeftPart(UriPartial.Authority);
    }

    public string Resolve(string value) =>
        Placeholder().Replace(value.Replace("{origin}", _origin, StringComparison.Ordinal), match =>
        {
            var instant = _start.AddSeconds(long.Parse(match.Groups["offset"].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
            return Format(instant, match.Groups["form"].Success ? match.Groups["form"].Value : "imf");
        });

    /// <summary>An instant in one of the date forms the cases name.</summary>
    public static string Format(DateTimeOffset instant, string form)
    {
        var d = instant.UtcDateTime;
        var c = CultureInfo.InvariantCulture;
        return form switch
        {
            // The three forms RFC 9110 §5.6.7 lets a recipient accept.
            "imf" => d.ToString("ddd, dd MMM yyyy HH:mm:ss 'GMT'", c),
            "rfc850" => d.ToString("dddd, dd-MMM-yy HH:mm:ss 'GMT'", c),
            "asctime" => d.ToString("ddd MMM ", c) + d.Day.ToString(c).PadLeft(2) + d.ToString(" HH:mm:ss yyyy", c),

            // Invalid forms: a lenient parser would read each as this instant.
            "utc" => d.ToString("ddd, dd MMM yyyy HH:mm:ss 'UTC'", c),
            "two-digit-year" => d.ToString("ddd, dd MMM yy HH:mm:ss 'GMT'", c),
            "no-comma" => d.ToString("ddd dd MMM yyyy HH:mm:ss 'GMT'", c),
            "double-space" => d.ToString("ddd,  dd MMM yyyy HH:mm:ss 'GMT'", c),
            "dashes" => d.ToString("ddd, dd-MMM-yyyy HH:mm:ss 'GMT'", c),
            "dotted" => d.ToString("ddd, dd MMM yyyy HH.mm.ss 'GMT'", c),

            // One digit of hour: the hour modulo 10, so it is one digit whatever the clock says.
            "one-digit-hour" => d.ToString("ddd, dd MMM yyyy ", c) + (d.Hour % 10).ToString(c) + d.ToString(":mm:ss 'GMT'", c),
            _ => throw new ArgumentException($"Unknown date form '{form}'.", nameof(form)),
        };
    }

    [GeneratedRegex(@"\{T(?<offset>[+-]\d+)(?::(?<form>[a-z0-9-]+))?\}")]
    private static partial Regex Placeholder();
}
