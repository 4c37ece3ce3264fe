using System.Globalization;

namespace MediaEdge.Negotiation;

/// <summary>Reads an <c>Accept</c> header for the image types MediaEdge can choose between.</summary>
public static class AcceptNegotiator
{
    /// <summary>True where the header names <paramref name="mediaType"/> explicitly with a q above zero (wildcards do not count: browsers list the formats they decode).</summary>
    public static bool Accepts(string? accept, string mediaType)
    {
        if (string.IsNullOrEmpty(accept))
        {
            return false;
        }

        foreach (var range in accept.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = range.Split(';', StringSplitOptions.TrimEntries);
            if (!parts[0].Equals(mediaType, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var q = 1.0;
            foreach (var parameter in parts.AsSpan(1))
            {
                if (parameter.StartsWith("q=", StringComparison.OrdinalIgnoreCase)
                    && !double.TryParse(parameter.AsSpan(2), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out q))
                {
                    q = 0;
                }
            }

            return q > 0;
        }

        return false;
    }
}
