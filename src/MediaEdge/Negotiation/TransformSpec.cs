using System.Globalization;
using System.Text;
using MediaEdge.Requests;

namespace MediaEdge.Negotiation;

/// <summary>
/// One variant, after negotiation and defaults: everything the output depends on besides the source bytes.
/// Two requests with equal specs get the same bytes, so <see cref="Canonical"/> goes into the cache key.
/// </summary>
public sealed record TransformSpec
{
    public Dimension? Width { get; init; }

    public Dimension? Height { get; init; }

    public double Dpr { get; init; } = 1;

    public FitMode Fit { get; init; } = FitMode.Clip;

    public CropGravity Crop { get; init; } = CropGravity.Center;

    public double FocalX { get; init; } = 0.5;

    public double FocalY { get; init; } = 0.5;

    public double? AspectRatio { get; init; }

    public SourceRect? Rect { get; init; }

    public OutputFormat Format { get; init; } = OutputFormat.Source;

    /// <summary>AVIF chosen by negotiation (not by fm): the planner falls back to WebP past the AVIF pixel budget.</summary>
    public bool AvifBudgeted { get; init; }

    /// <summary>An explicit <c>q</c>; null takes the format's default.</summary>
    public int? Quality { get; init; }

    /// <summary><c>auto=compress</c> or <c>Save-Data</c>: smaller files at some cost in quality.</summary>
    public bool Compress { get; init; }

    public Rgba? Background { get; init; }

    public int Blur { get; init; }

    public int Sharpen { get; init; }

    public int Rotate { get; init; }

    public FlipMode Flip { get; init; }

    /// <summary>A stable text form: the same spec always gives the same string, and different specs different strings (doubles round-trip).</summary>
    public string Canonical()
    {
        var b = new StringBuilder(128);
        b.Append("w=").Append(Width?.ToString() ?? "-")
         .Append(";h=").Append(Height?.ToString() ?? "-")
         .Append(";dpr=").Append(Dpr.ToString("R", CultureInfo.InvariantCulture))
         .Append(";fit=").Append(Fit)
         .Append(";crop=").Append((int)Crop)
         .Append(";fp=").Append(FocalX.ToString("R", CultureInfo.InvariantCulture)).Append(',').Append(FocalY.ToString("R", CultureInfo.InvariantCulture))
         .Append(";ar=").Append(AspectRatio?.ToString("R", CultureInfo.InvariantCulture) ?? "-")
         .Append(";rect=").Append(Rect?.ToString() ?? "-")
         .Append(";fm=").Append(Format).Append(AvifBudgeted ? "~" : "")
         .Append(";q=").Append(Quality?.ToString(CultureInfo.InvariantCulture) ?? "-")
         .Append(";cmp=").Append(Compress ? '1' : '0')
         .Append(";bg=").Append(Background?.ToString() ?? "-")
         .Append(";blur=").Append(Blur)
         .Append(";sharp=").Append(Sharpen)
         .Append(";rot=").Append(Rotate)
         .Append(";flip=").Append((int)Flip);
        return b.ToString();
    }
}
