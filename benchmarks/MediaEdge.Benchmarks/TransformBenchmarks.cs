using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using MediaEdge.Imaging;
using MediaEdge.Imaging.ImageSharp;
using MediaEdge.Limits;
using MediaEdge.Negotiation;
using MediaEdge.Requests;

namespace MediaEdge.Benchmarks;

/// <summary>
/// Identify + plan + render of a photo to 800 px wide JPEG (the baseline) and WebP, from bytes already in memory.
/// The Bytes column is the size of each output.
/// </summary>
// Public and unsealed: BenchmarkDotNet derives a generated runner from it.
[MemoryDiagnoser]
[Config(typeof(Config))]
public class TransformBenchmarks
{
    private static readonly TransformSpec JpegSpec = Transform.SpecFor(OutputFormat.Jpeg);
    private static readonly TransformSpec WebpSpec = Transform.SpecFor(OutputFormat.Webp);

    private readonly LimitsOptions _limits = new();
    private ImageSharpEngine _engine = null!;
    private byte[] _source = [];

    /// <summary>5120x2880 (4.2 MB) and 2560x1600 (0.7 MB) JPEGs.</summary>
    [Params("safe-landing-5k.jpg", "colorful-cups.jpg")]
    public string Photo { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _source = MediaDirectory.Read(Photo);
        _engine = new ImageSharpEngine(_limits);
    }

    [Benchmark(Baseline = true)]
    public EncodedImage Jpeg800() => Transform.Run(_engine, _limits, _source, JpegSpec);

    [Benchmark]
    public EncodedImage Webp800() => Transform.Run(_engine, _limits, _source, WebpSpec);

    internal static TransformSpec SpecOf(string benchmarkMethod) => benchmarkMethod switch
    {
        nameof(Jpeg800) => JpegSpec,
        nameof(Webp800) => WebpSpec,
        _ => throw new ArgumentOutOfRangeException(nameof(benchmarkMethod), benchmarkMethod, "not a transform benchmark"),
    };

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddColumn(new OutputBytesColumn());
        }
    }
}
