using System.Diagnostics;
using System.Text.Json;
using MediaEdge.Caching;
using MediaEdge.Diagnostics;
using MediaEdge.Imaging;
using MediaEdge.Limits;
using MediaEdge.Negotiation;
using MediaEdge.Origins;

namespace MediaEdge.Requests;

/// <summary>
/// The request path for images: parse → negotiate → key → L1 → single flight → source → engine → store.
/// Each stage is its own type; this one only strings them together.
/// </summary>
public sealed class ImageService
{
    private readonly ImageQueryParser _parser;
    private readonly OriginRegistry _origins;
    private readonly SourceStore _sources;
    private readonly MemoryTier _memory;
    private readonly IImageEngine _engine;
    private readonly TransformGate _gate;
    private readonly MediaEdgeOptions _options;
    private readonly MediaEdgeMetrics _metrics;
    private readonly SingleFlight<Computed> _flights = new();

    public ImageService(MediaEdgeOptions options, OriginRegistry origins, SourceStore sources, MemoryTier memory, IImageEngine engine, TransformGate gate, MediaEdgeMetrics metrics)
    {
        _options = options;
        _parser = new ImageQueryParser(options.Presets);
        _origins = origins;
        _sources = sources;
        _memory = memory;
        _engine = engine;
        _gate = gate;
        _metrics = metrics;
    }

    public IImageEngine Engine => _engine;

    public async Task<ImageResult> GetAsync(ImageRequest request, CancellationToken cancellationToken)
    {
        var parameters = _parser.Parse(request.Query, _options.Security.PresetsOnly);
        var negotiated = SpecNegotiator.Negotiate(parameters, request.Accept, request.Hints, _engine.CanEncode, _engine.Name);
        var key = ObjectKey.Validate(request.Key);
        var origin = _origins.Get(request.Source);

        var info = await origin.StatAsync(key, cancellationToken).ConfigureAwait(false);
        if (info.Length > _options.Limits.MaxSourceBytes)
        {
            throw Problems.SourceTooLarge(nameof(LimitsOptions.MaxSourceBytes), _options.Limits.MaxSourceBytes, info.Length, "bytes");
        }

        var spec = negotiated.Spec;
        var variantKey = CacheKey.ForVariant(request.Source, key, info.Validator, spec.Canonical(), _engine.Name, _engine.Version);
        if (_memory.TryGet<CachedImage>(variantKey, out var hit) && hit is not null)
        {
            _metrics.CacheLookup("hit-l1");
            return new ImageResult(hit, negotiated.Vary, "hit-l1", null, null);
        }

        _metrics.CacheLookup("miss");
        var (computed, _) = await _flights.RunAsync(variantKey, () => ComputeAsync(request.Source, origin, key, info, spec, variantKey)).ConfigureAwait(false);
        return new ImageResult(computed.Image, negotiated.Vary, "miss", computed.OriginMilliseconds, computed.TransformMilliseconds);
    }

    private async Task<Computed> ComputeAsync(string source, IOrigin origin, string key, OriginObjectInfo info, TransformSpec spec, string variantKey)
    {
        var started = Stopwatch.GetTimestamp();
        var (obj, fromOrigin) = await _sources.GetAsync(source, origin, key, info).ConfigureAwait(false);
        double? originMs = fromOrigin ? Stopwatch.GetElapsedTime(started).TotalMilliseconds : null;

        var transformStarted = Stopwatch.GetTimestamp();
        var sourceInfo = _engine.Identify(obj.Bytes);
        SourceGuard.Check(sourceInfo, _options.Limits);

        EncodedImage encoded;
        if (spec.Format == OutputFormat.Json)
        {
            encoded = Describe(sourceInfo, obj);
        }
        else
        {
            var plan = ImagePlanner.Create(sourceInfo, spec, _options.Limits, _engine.CanAnimate);
            encoded = await _gate.RunAsync(ct => _engine.Render(obj.Bytes, plan, ct), _metrics.Rejected).ConfigureAwait(false);
            _metrics.Transformed(_engine.Name, Stopwatch.GetElapsedTime(transformStarted).TotalMilliseconds);
        }

        var transformMs = Stopwatch.GetElapsedTime(transformStarted).TotalMilliseconds;
        var image = new CachedImage(encoded.Bytes, encoded.ContentType, CacheKey.ETagOf(encoded.Bytes.Span), _memory.Time.GetUtcNow(), encoded.Width, encoded.Height);
        _memory.Set(variantKey, image, image.Bytes.Length, TimeSpan.FromSeconds(_options.Cache.FreshSeconds + (long)_options.Cache.StaleWhileRevalidateSeconds + _options.Cache.StaleIfErrorSeconds));
        return new Computed(image, originMs, transformMs);
    }

    private static EncodedImage Describe(SourceInfo info, OriginObject obj)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(new
        {
            width = info.OrientedWidth,
            height = info.OrientedHeight,
            storedWidth = info.Width,
            storedHeight = info.Height,
            format = info.Format.ToString().ToLowerInvariant(),
            hasAlpha = info.HasAlpha,
            frames = info.Frames,
            orientation = info.Orientation,
            contentLength = obj.Bytes.Length,
        });
        return new EncodedImage(json, "application/json", info.OrientedWidth, info.OrientedHeight);
    }

    private sealed record Computed(CachedImage Image, double? OriginMilliseconds, double TransformMilliseconds);
}
