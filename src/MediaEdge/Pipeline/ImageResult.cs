using MediaEdge.Caching;
using MediaEdge.Imaging;

namespace MediaEdge.Pipeline;

/// <summary>A variant and how it was obtained, for the response headers.</summary>
/// <param name="Tier">hit-l1, hit-disk, hit-l2, miss or stale, as in Server-Timing's <c>cache;desc=</c>.</param>
public sealed record ImageResult(CachedImage Image, IReadOnlyList<string> Vary, string Tier, double? OriginMilliseconds, double? TransformMilliseconds)
{
    /// <summary>Freshness left, for Cache-Control max-age: 0 when served stale.</summary>
    public int MaxAgeSeconds { get; init; }

    /// <summary>The original's length, for the bytes-saved metric (-1 where unknown).</summary>
    public long SourceBytes { get; init; } = -1;

    /// <summary>Whether this response's render started from a kept intermediate, as in Server-Timing's <c>transform;desc=ladder-same|ladder-larger</c>.</summary>
    public LadderUse Ladder { get; init; }
}
