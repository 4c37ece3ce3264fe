namespace MediaEdge.Load;

/// <summary>What one request came back with. Status 0 means no response (see the error).</summary>
/// <param name="Tier">Server-Timing's cache;desc= (miss, hit-l1, hit-l2, stale), or null.</param>
/// <param name="TransformMilliseconds">Server-Timing's transform;dur=, where the server transformed.</param>
internal sealed record Sample(
    int Status,
    double Milliseconds,
    long Bytes,
    string? Tier,
    double? TransformMilliseconds,
    string? ETag,
    string? ContentType,
    string? Error);
