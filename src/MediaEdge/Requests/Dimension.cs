using System.Globalization;

namespace MediaEdge.Requests;

/// <summary>A <c>w</c> or <c>h</c> value: whole pixels, or (imgix's secondary mode) a ratio of the source in (0, 1).</summary>
public readonly record struct Dimension(double Value, bool IsRatio)
{
    public static Dimension Pixels(int value) => new(value, false);

    public static Dimension Ratio(double value) => new(value, true);

    public double Resolve(int sourceLength) => IsRatio ? sourceLength * Value : Value;

    /// <summary>Pixels as a whole number, a ratio as "r" and its exact value: w=1 (one pixel) and w=1.0 (the whole width) never read alike.</summary>
    public override string ToString() =>
        IsRatio ? "r" + Value.ToString("R", CultureInfo.InvariantCulture) : ((int)Value).ToString(CultureInfo.InvariantCulture);
}
