using System.Diagnostics;
using System.Text.Json;
using MediaEdge.Caching;
using MediaEdge.Diagnostics;
using MediaEdge.Imaging;
using MediaEdge.Limits;
using MediaEdge.Negotiation;
using MediaEdge.Origins;
using MediaEdge.Video;

namespace MediaEdge.Requests;

/// <summary>
/// The request path for images: parse → negotiate → key → L1 → single flight → source → engine → store.
/// Each stage is its own type; this one only strings them together.
/// </summary>
public sealed class ImageService
{
    private readonly ImageQueryParser _parser;
    private readonly SourceResolver _resolver;
    private readonly SourceStore _sources;
    private readonly TieredCache _cache;
    private readonly FreshnessPolicy _freshness;
    private readonly IImageEngine _engine;
    private readonly TransformGate _gate;
    private readonly DecodeBudget _budget;
    private readonly MediaEdgeOptions _options;
    private readonly MediaEdgeMetrics _metrics;
    private readonly TimeProvider _time;

    public ImageService(
        MediaEdgeOptions options,
        SourceResolver resolver,
        SourceStore sources,
        TieredCache cache,
        FreshnessPolicy freshness,
        IImageEngine engine,
        TransformGate gate,
        DecodeBudget budget,
        MediaEdgeMetrics metrics,
        TimeProvider time)
    {
        _budget = budget;
        _options = options;
        _parser = new ImageQueryParser(options.Presets);
        _resolver = resolver;
        _sources = sources;
        _cache = cache;
        _freshness = freshness;
        _engine = engine;
        _gate = gate;
        _metrics = metrics;
        _time = time;
    }

    public IImageEngine Engine => _engine;

    /// <summary>Where video thumbnails get their frame; set by the video feature.</summary>
    public IFrameSource? FrameSource { get; set; }

    /// <summary>Background revalidations started (stale-while-revalidate), for tests.</summary>
    public int BackgroundRevalidations => _resolver.BackgroundRevalidations;

    public async Task<ImageResult> GetAsync(ImageRequest request, CancellationToken cancellationToken)
    {
        var parameters = _parser.Parse(request.Query, _options.Security.PresetsOnly);
        if (request.Frame is not null && request.Format is { } routeFormat && parameters.Format is null)
        {
            parameters = parameters with { Format = routeFormat, AutoFormat = false };
        }

        var negotiated = SpecNegotiator.Negotiate(parameters, request.Accept, request.Hints, _engine.CanEncode, _engine.Name);
        var key = ObjectKey.Validate(request.Key);
        var resolved = await _resolver.ResolveAsync(request.Source, key).ConfigureAwait(false);
        var state = resolved.State;
        if (request.Frame is null && state.Length > _options.Limits.MaxSourceBytes)
        {
            throw Problems.SourceTooLarge(nameof(LimitsOptions.MaxSourceBytes), _options.Limits.MaxSourceBytes, state.Length, "bytes");
        }

        var spec = negotiated.Spec;
        var canonical = request.Frame is { } frame ? spec.Canonical() + ";frame=" + frame.Canonical() : spec.Canonical();
        var hash = CacheKey.ForVariant(request.Source, key, state.Validator + "#" + resolved.Version.Version, canonical, _engine.Name, _engine.Version);
        Timings? timings = null;
        var (image, tier) = await _cache.GetOrComputeAsync(
            hash,
            async ct =>
            {
                var (computed, t) = await ComputeAsync(resolved, spec, request.Frame, ct).ConfigureAwait(false);
                timings = t;
                return computed;
            },
            resolved.Version.Eviction,
            _freshness.Retention,
            cancellationToken).ConfigureAwait(false);

        var age = _time.GetUtcNow() - state.ValidatedAt;
        var maxAge = resolved.Stale ? 0 : (int)Math.Ceiling(Math.Max(0, _options.Cache.FreshSeconds - age.TotalSeconds));
        return new ImageResult(image, negotiated.Vary, resolved.Stale ? "stale" : tier, timings?.OriginMilliseconds, timings?.TransformMilliseconds) { MaxAgeSeconds = maxAge, SourceBytes = state.Length };
    }

    private async Task<(CachedImage Image, Timings Timings)> ComputeAsync(ResolvedSource resolved, TransformSpec spec, VideoFrame? frame, CancellationToken cancellationToken)
    {
        var source = resolved.Source;
        var started = Stopwatch.GetTimestamp();
        OriginObject obj;
        var fromOrigin = true;
        try
        {
            if (frame is not null)
            {
                var frameBytes = await (FrameSource ?? throw new InvalidOperationException("No frame source is registered for video thumbnails.")).ExtractFrameAsync(resolved, frame, cancellationToken).ConfigureAwait(false);
                obj = new OriginObject(SourceResolver.ToInfo(resolved.State) with { Length = frameBytes.Length }, frameBytes);
            }
            else
            {
                (obj, fromOrigin) = await _sources.GetAsync(source, resolved.Origin, resolved.Key, SourceResolver.ToInfo(resolved.State)).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not ProblemException)
        {
            throw Problems.OriginFailed(source, $"The origin of '{source}' failed: {e.Message}", e);
        }

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
            var plan = ImagePlanner.Create(sourceInfo, spec, _options.Limits, _engine.CanAnimate, _options.Imaging.AvifMaxPixels);
            using var span = MediaEdgeTracing.Source.StartActivity("transform");
            span?.SetTag("mediaedge.engine", _engine.Name);
            span?.SetTag("mediaedge.format", plan.Format.ToString());
            using (await _budget.ReserveAsync(ImagePlanner.DecodeBytes(plan), TimeSpan.FromSeconds(_options.Limits.TransformTimeoutSeconds), cancellationToken).ConfigureAwait(false))
            {
                encoded = await _gate.RunAsync(ct => _engine.Render(obj.Bytes, plan, ct), _metrics.Rejected).ConfigureAwait(false);
            }

            _metrics.Transformed(_engine.Name, Stopwatch.GetElapsedTime(transformStarted).TotalMilliseconds);
        }

        var transformMs = Stopwatch.GetElapsedTime(transformStarted).TotalMilliseconds;
        var image = new CachedImage(encoded.Bytes, encoded.ContentType, CacheKey.ETagOf(encoded.Bytes.Span), _time.GetUtcNow(), encoded.Width, encoded.Height);
        return (image, new Timings(originMs, transformMs));
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

    private sealed record Timings(double? OriginMilliseconds, double TransformMilliseconds);
}
