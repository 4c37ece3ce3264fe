namespace MediaEdge.Requests;

/// <summary>The imgix parameters of one request, validated, before negotiation and defaults.</summary>
public sealed record ImageParameters
{
    public Dimension? Width { get; init; }

    public Dimension? Height { get; init; }

    public double? Dpr { get; init; }

    public FitMode Fit { get; init; } = FitMode.Clip;

    public CropGravity Crop { get; init; } = CropGravity.Center;

    public double? FocalX { get; init; }

    public double? FocalY { get; init; }

    /// <summary>Width over height, from <c>ar=W:H</c>.</summary>
    public double? AspectRatio { get; init; }

    public SourceRect? Rect { get; init; }

    public OutputFormat? Format { get; init; }

    public int? Quality { get; init; }

    public bool AutoFormat { get; init; }

    public bool AutoCompress { get; init; }

    public Rgba? Background { get; init; }

    public int Blur { get; init; }

    public int Sharpen { get; init; }

    public int Rotate { get; init; }

    public FlipMode Flip { get; init; }

    public ClientHintSet ClientHints { get; init; }

    public string? Preset { get; init; }

    /// <summary>Unix seconds from <c>expires</c>: part of a signed URL, not of the transform.</summary>
    public long? Expires { get; init; }
}
