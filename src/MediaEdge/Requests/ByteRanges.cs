using Microsoft.Net.Http.Headers;

namespace MediaEdge.Requests;

/// <summary>RFC 9110 §14.1.2 byte ranges: a Range header, parsed by ASP.NET Core's <see cref="RangeHeaderValue"/>, resolved against a representation's length.</summary>
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
        // RangeHeaderValue skips empty list members ("0-1,,2-3"); such a header has always been served whole here.
        if (string.IsNullOrWhiteSpace(header) || !RangeHeaderValue.TryParse(header, out var parsed) || !"bytes".Equals(parsed.Unit.Value, StringComparison.OrdinalIgnoreCase)
            || parsed.Ranges.Count > MaxRanges || header.Split(',').Any(string.IsNullOrWhiteSpace))
        {
            return null;
        }

        var ranges = new List<(long Start, long End)>();
        foreach (var range in parsed.Ranges)
        {
            if (range.From is not { } start)
            {
                // A suffix: the last To bytes; RangeItemHeaderValue guarantees From or To.
                if (range.To is long suffix && suffix > 0 && length > 0)
                {
                    ranges.Add((Math.Max(0, length - suffix), length - 1));
                }
            }
            else if (start < length)
            {
                ranges.Add((start, Math.Min(range.To ?? length - 1, length - 1)));
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
