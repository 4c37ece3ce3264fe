using BenchmarkDotNet.Attributes;
using MediaEdge.Caching;
using MediaEdge.Imaging.ImageSharp;
using MediaEdge.Limits;
using MediaEdge.Negotiation;
using MediaEdge.Requests;

namespace MediaEdge.Benchmarks;

/// <summary>The per-request work before any pixel: parse, negotiate, canonicalize, key. Each stage alone, then the whole as ImageService runs it.</summary>
// Public and unsealed: BenchmarkDotNet derives a generated runner from it.
[MemoryDiagnoser]
public class RequestPathBenchmarks
{
    // What Chrome sends for an <img>; ImageSharp cannot encode AVIF, so negotiation lands on WebP.
    private const string Accept = "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8";
    private const string Source = "photos";
    private const string Key = "2024/landing/safe-landing-5k.jpg";
    private const string Validator = "3f7c0f-8dd2f1a3c4b5e00";

    // The endpoint hands ImageService the query already split and decoded by ASP.NET Core.
    private static readonly KeyValuePair<string, string>[] Query =
    [
        new("w", "400"), new("h", "300"), new("fit", "crop"), new("auto", "format"), new("q", "70"), new("dpr", "2"),
    ];

    private readonly ImageQueryParser _parser = new(new Dictionary<string, string>());
    private readonly ImageSharpEngine _engine = new(new LimitsOptions());
    private ImageParameters _parameters = null!;
    private TransformSpec _spec = null!;
    private string _canonical = null!;

    [GlobalSetup]
    public void Setup()
    {
        _parameters = _parser.Parse(Query);
        _spec = SpecNegotiator.Negotiate(_parameters, Accept, ClientHints.None, _engine.CanEncode, _engine.Name).Spec;
        _canonical = _spec.Canonical();
        if (_spec.Format != OutputFormat.Webp)
        {
            throw new InvalidOperationException($"Expected the Accept header to negotiate WebP, got {_spec.Format}.");
        }
    }

    [Benchmark]
    public ImageParameters Parse() => _parser.Parse(Query);

    [Benchmark]
    public NegotiatedSpec Negotiate() => SpecNegotiator.Negotiate(_parameters, Accept, ClientHints.None, _engine.CanEncode, _engine.Name);

    [Benchmark]
    public string Canonicalize() => _spec.Canonical();

    [Benchmark]
    public string VariantKey() => CacheKey.ForVariant(Source, Key, Validator, _canonical, _engine.Name, _engine.Version);

    [Benchmark(Baseline = true)]
    public string WholePath()
    {
        var parameters = _parser.Parse(Query);
        var negotiated = SpecNegotiator.Negotiate(parameters, Accept, ClientHints.None, _engine.CanEncode, _engine.Name);
        return CacheKey.ForVariant(Source, Key, Validator, negotiated.Spec.Canonical(), _engine.Name, _engine.Version);
    }
}
