using MediaEdge.Requests;

namespace MediaEdge.Benchmarks;

/// <summary>One engine and output format, named as its benchmark method. ImageSharp cannot encode AVIF, so it has no AVIF case.</summary>
internal sealed record TransformCase(string Method, string Engine, OutputFormat Format)
{
    public static readonly IReadOnlyList<TransformCase> All =
    [
        new(nameof(TransformBenchmarks.ImageSharpJpeg), Engines.ImageSharp, OutputFormat.Jpeg),
        new(nameof(TransformBenchmarks.ImageSharpWebp), Engines.ImageSharp, OutputFormat.Webp),
        new(nameof(TransformBenchmarks.VipsJpeg), Engines.Vips, OutputFormat.Jpeg),
        new(nameof(TransformBenchmarks.VipsWebp), Engines.Vips, OutputFormat.Webp),
        new(nameof(TransformBenchmarks.VipsAvif), Engines.Vips, OutputFormat.Avif),
    ];

    public static TransformCase Of(string method) =>
        All.FirstOrDefault(c => c.Method == method) ?? throw new ArgumentOutOfRangeException(nameof(method), method, "not a transform benchmark");
}
