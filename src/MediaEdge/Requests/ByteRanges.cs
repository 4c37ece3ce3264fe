using System.Globalization;

namespace MediaEdge.Requests;

/// <summary>RFC 9110 14.1.2 byte ranges: parse a Range header against a representation's length.</summary>
public static class ByteRanges
{
    /// <summary>Most ranges served in one request; more are answered with the whole representation (RFC 9110 allows ignoring Range).</summary>
    public const int MaxRanges = 16;

    /// <summary>
    /// Null where the header is absent, not for bytes, malformed, or asks for too many ranges (serve the whole);
    /// an empty list where none is satisfiable (416); else the ranges, inclusive, coalesced where they overlap.
    /// </summary>
    public static IReadOnlyList<(long Start, long End)>? Parse(string? header, long length)
    {
        if (string.IsNullOrWhiteSpace(header) || !header.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var specs = header[6..].Split(',', StringSplitOptions.TrimEntries);
        if (specs.Length > MaxRanges)
        {
            return null;
        }

        var ranges = new List<(long Start, long End)>();
        foreach (var spec in specs)
        {
            var dash = spec.IndexOf('-');
            if (dash < 0)
            {
                return null;
            }

            var first = spec[..dash];
            var last = spec[(dash + 1)..];
            if (first.Length == 0)
            {
                if (!long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var suffix))
                {
                    return null;
                }

                if (suffix > 0 && length > 0)
                {
                    ranges.Add((Math.Max(0, length - suffix), length - 1));
                }

                continue;
            }

            if (!long.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var start))
            {
                return null;
            }

            long end;
            if (last.Length == 0)
            {
                end = length - 1;
            }
            else if (!long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out end) || end < start)
            {
                return null;
            }

            if (start < length)
            {
                ranges.Add((start, Math.Min(end, length - 1)));
            }
        }

        return Coalesce(ranges);
    }

    private static List<(long Start, long End)> Coalesce(List<(long Start, long End)> ranges)
    {
        if (ranges.Count < 2)
        {
            return ranges;
        }

        var sorted = ranges.OrderBy(r => r.Start).ToList();
        var merged = new List<(long Start, long End)> { sorted[0] };
        foreach (var r in sorted.Skip(1))
        {
            var lastRange = merged[^1];
            if (r.Start <= lastRange.End + 1)
            {
                merged[^1] = (lastRange.Start, Math.Max(lastRange.End, r.End));
            }
            else
            {
                merged.Add(r);
            }
        }

        return merged;
    }
}
