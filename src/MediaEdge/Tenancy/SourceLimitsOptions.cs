namespace MediaEdge.Tenancy;

/// <summary>
/// MediaEdge:Sources:{name}:Limits — one source's own limits, in place of the node's for that source only. Names as in
/// MediaEdge:Limits (images) and MediaEdge:Video (clips); each unset one is the node's.
/// </summary>
public sealed class SourceLimitsOptions
{
    /// <summary>As Limits:MaxSourceBytes: largest source read from the origin, in bytes (413 beyond).</summary>
    public long? MaxSourceBytes { get; set; }

    /// <summary>As Limits:MaxSourcePixels: largest source frame, width × height (413 beyond).</summary>
    public long? MaxSourcePixels { get; set; }

    /// <summary>As Limits:MaxSourceFrames: most frames a source animation may have (413 beyond).</summary>
    public int? MaxSourceFrames { get; set; }

    /// <summary>As Limits:MaxAnimationPixels: largest frames × pixels of a source animation (413 beyond).</summary>
    public long? MaxAnimationPixels { get; set; }

    /// <summary>As Limits:MaxAnimatedOutputPixels: largest frames × output pixels kept animated.</summary>
    public long? MaxAnimatedOutputPixels { get; set; }

    /// <summary>As Limits:MaxOutputPixels: largest output, width × height (scaled down to fit, as imgix does).</summary>
    public long? MaxOutputPixels { get; set; }

    /// <summary>As Video:MaxClipSourceBytes: largest video a clip or stream is transcoded from, in bytes (413 beyond).</summary>
    public long? MaxClipSourceBytes { get; set; }

    /// <summary>As Video:MaxClipSeconds: longest transcoded clip, in seconds (400 beyond).</summary>
    public double? MaxClipSeconds { get; set; }

    /// <summary>As Video:MaxClipPixels: largest transcoded frame, width × height (400 beyond).</summary>
    public long? MaxClipPixels { get; set; }

    /// <summary>The names above, for the start-up check of a source's Limits section.</summary>
    internal static readonly string[] Names =
    [
        nameof(MaxSourceBytes), nameof(MaxSourcePixels), nameof(MaxSourceFrames), nameof(MaxAnimationPixels), nameof(MaxAnimatedOutputPixels),
        nameof(MaxOutputPixels), nameof(MaxClipSourceBytes), nameof(MaxClipSeconds), nameof(MaxClipPixels),
    ];
}
