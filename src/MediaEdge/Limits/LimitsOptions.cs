namespace MediaEdge.Limits;

/// <summary>MediaEdge:Limits — what one request may cost. Every limit answers with a problem naming it.</summary>
public sealed class LimitsOptions
{
    /// <summary>Largest source read from an origin, in bytes (413 beyond). Default 50 MiB.</summary>
    public long MaxSourceBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>Largest source frame, width × height, read from the header before decoding (413 beyond). Default 50 MP.</summary>
    public long MaxSourcePixels { get; set; } = 50_000_000;

    /// <summary>Most frames a source animation may have (413 beyond). Default 1000.</summary>
    public int MaxSourceFrames { get; set; } = 1000;

    /// <summary>Largest frames × pixels of a source animation (413 beyond). Default 256 MP.</summary>
    public long MaxAnimationPixels { get; set; } = 256_000_000;

    /// <summary>Largest frames × output pixels kept animated; beyond it the output is the first frame. Default 40 MP.</summary>
    public long MaxAnimatedOutputPixels { get; set; } = 40_000_000;

    /// <summary>Largest output, width × height (400 beyond). Default 16 MP.</summary>
    public long MaxOutputPixels { get; set; } = 16_777_216;

    /// <summary>Transforms run at once; 0 means one per core.</summary>
    public int MaxConcurrentTransforms { get; set; }

    /// <summary>An optional hard cap on transforms waiting for a slot (503 with Retry-After beyond); 0, the default, means none: the predicted wait decides.</summary>
    public int MaxQueuedTransforms { get; set; }

    /// <summary>Time one transform may take, waiting for its slot included, before the request gets 503 and the transform is stopped. Default 30 s.</summary>
    public int TransformTimeoutSeconds { get; set; } = 30;

    /// <summary>A tighter bound on the predicted wait for a slot, past which a transform is refused at once (503, Retry-After the wait); 0, the default, means none: a transform may wait what TransformTimeoutSeconds leaves after a typical transform.</summary>
    public int MaxQueueWaitSeconds { get; set; }

    /// <summary>Memory one decode may allocate in one buffer, in MiB (the engine's allocation limit). Default 1024.</summary>
    public int MaxDecodeAllocationMegabytes { get; set; } = 1024;

    /// <summary>Memory for decoded pixels shared by all transforms on the node, in MiB; transforms wait for their share (503 past the timeout). Default 2048.</summary>
    public int MaxDecodeMemoryMegabytes { get; set; } = 2048;

    private string? _overridingSection;
    private IReadOnlySet<string>? _overridden;

    /// <summary>The configuration key of one of these limits, for messages: <c>Limits:{limit}</c>, or <c>Sources:{name}:Limits:{limit}</c> where a source overrides it.</summary>
    public string KeyOf(string limit) =>
        _overridden is not null && _overridden.Contains(limit) ? $"{_overridingSection}:{limit}" : $"Limits:{limit}";

    /// <summary>A copy whose <paramref name="overridden"/> limits are read from <paramref name="section"/> (set by the caller on the copy).</summary>
    internal LimitsOptions CopyOverriddenBy(string section, IReadOnlySet<string> overridden)
    {
        var copy = (LimitsOptions)MemberwiseClone();
        copy._overridingSection = section;
        copy._overridden = overridden;
        return copy;
    }

    /// <summary>Transform slots: <see cref="MaxConcurrentTransforms"/>, or one per core where 0.</summary>
    public int EffectiveConcurrency => MaxConcurrentTransforms > 0 ? MaxConcurrentTransforms : Environment.ProcessorCount;
}
