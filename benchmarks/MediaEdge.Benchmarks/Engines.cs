using MediaEdge.Imaging;
using MediaEdge.Imaging.ImageSharp;
using MediaEdge.Imaging.Vips;
using MediaEdge.Limits;

namespace MediaEdge.Benchmarks;

/// <summary>The two engines by their configuration names, built as the server builds them with default options.</summary>
internal static class Engines
{
    public const string ImageSharp = "imagesharp";
    public const string Vips = "vips";

    public static IImageEngine Create(string name, LimitsOptions limits) => name switch
    {
        ImageSharp => new ImageSharpEngine(limits),
        Vips => new VipsEngine(limits, new ImagingOptions()),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, $"not an engine: use {ImageSharp} or {Vips}"),
    };
}
