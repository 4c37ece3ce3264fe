namespace MediaEdge.Diagnostics.Live;

/// <summary>Nearest-rank percentiles of a set of samples.</summary>
internal static class Percentile
{
    /// <summary>The smallest sample at or above fraction <paramref name="p"/> of <paramref name="sorted"/> (ascending); null when there are none.</summary>
    public static double? Of(ReadOnlySpan<double> sorted, double p)
    {
        if (sorted.IsEmpty)
        {
            return null;
        }

        var rank = (int)Math.Ceiling(p * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }
}
