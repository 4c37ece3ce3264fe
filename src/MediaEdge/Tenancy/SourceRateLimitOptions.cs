namespace MediaEdge.Tenancy;

/// <summary>
/// MediaEdge:Sources:{name}:RateLimit — how fast one source may use the node, as token buckets
/// (System.Threading.RateLimiting): past either rate a request gets 429 with Retry-After. 0, the default, means no limit.
/// </summary>
public sealed class SourceRateLimitOptions
{
    /// <summary>Requests a second, cache hits included; bursts of up to <see cref="BurstSeconds"/> × this are let through. Default 0: none.</summary>
    public double RequestsPerSecond { get; set; }

    /// <summary>Seconds of transform work (image renders, in the render worker's CPU time, and ffmpeg runs) a second. Default 0: none.</summary>
    public double TransformSecondsPerSecond { get; set; }

    /// <summary>How many seconds of either rate a source may spend at once after a quiet spell (each bucket's size). Default 2.</summary>
    public double BurstSeconds { get; set; } = 2;

    /// <summary>Whether either rate is set.</summary>
    public bool Enabled => RequestsPerSecond > 0 || TransformSecondsPerSecond > 0;
}
