using System.Globalization;

namespace MediaEdge.Load;

/// <summary>One threshold and how the run fared against it.</summary>
internal sealed record Check(string What, bool Passed, string Actual)
{
    public static Check AtMost(string what, double actual, double limit, string format = "0.###") =>
        new($"{what} <= {limit.ToString(format, CultureInfo.InvariantCulture)}", actual <= limit, actual.ToString(format, CultureInfo.InvariantCulture));

    public static Check AtLeast(string what, double actual, double limit, string format = "0.###") =>
        new($"{what} >= {limit.ToString(format, CultureInfo.InvariantCulture)}", actual >= limit, actual.ToString(format, CultureInfo.InvariantCulture));
}
