using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using MediaEdge.Imaging;
using MediaEdge.Limits;
using MediaEdge.Requests;

namespace MediaEdge.Benchmarks;

/// <summary>
/// Identify + plan + render of each photo to 800 px wide at the default quality, per engine and output format, from bytes
/// already in memory. The baseline is ImageSharp's JPEG of the same photo; the Bytes column is the size of each output.
/// </summary>
// Public and unsealed: BenchmarkDotNet derives a generated runner from it.
[MemoryDiagnoser]
[Config(typeof(Config))]
public class TransformBenchmarks
{
    private readonly LimitsOptions _limits = new();
    private IImageEngine _imageSharp = null!;
    private IImageEngine _vips = null!;
    private byte[] _source = [];

    public static IEnumerable<string> Photos => BenchPhotos.All;

    [ParamsSource(nameof(Photos))]
    public string Photo { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _source = MediaDirectory.Read(Photo);
        _imageSharp = Engines.Create(Engines.ImageSharp, _limits);
        _vips = Engines.Create(Engines.Vips, _limits);
    }

    [Benchmark(Baseline = true)]
    public EncodedImage ImageSharpJpeg() => Transform.Run(_imageSharp, _limits, _source, Transform.SpecFor(OutputFormat.Jpeg));

    [Benchmark]
    public EncodedImage ImageSharpWebp() => Transform.Run(_imageSharp, _limits, _source, Transform.SpecFor(OutputFormat.Webp));

    [Benchmark]
    public EncodedImage VipsJpeg() => Transform.Run(_vips, _limits, _source, Transform.SpecFor(OutputFormat.Jpeg));

    [Benchmark]
    public EncodedImage VipsWebp() => Transform.Run(_vips, _limits, _source, Transform.SpecFor(OutputFormat.Webp));

    [Benchmark]
    public EncodedImage VipsAvif() => Transform.Run(_vips, _limits, _source, Transform.SpecFor(OutputFormat.Avif));

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddColumn(new OutputBytesColumn());
        }
    }
}
