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
    private readonly SourceStates _states;
    private readonly SourceVersions _versions;
    private readonly TieredCache _cache;
    private readonly FreshnessPolicy _freshness;
    private readonly IImageEngine _engine;
    private readonly TransformGate _gate;
    private readonly MediaEdgeOptions _options;
    private readonly MediaEdgeMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly SingleFlight<SourceState> _validations = new();

    public ImageService(
        MediaEdgeOptions options,
        OriginRegistry origins,
        SourceStore sources,
        SourceStates states,
        SourceVersions versions,
        TieredCache cache,
        FreshnessPolicy freshness,
        IImageEngine engine,
        TransformGate gate,
        MediaEdgeMetrics metrics,
        TimeProvider time)
    {
        _options = options;
        _parser = new ImageQueryParser(options.Presets);
        _origins = origins;
        _sources = sources;
        _states = states;
        _versions = versions;
        _cache = cache;
        _freshness = freshness;
        _engine = engine;
        _gate = gate;
        _metrics = metrics;
        _time = time;
    }

    public IImageEngine Engine => _engine;

    /// <summary>Background revalidations started (stale-while-revalidate), for tests.</summary>
    public int BackgroundRevalidations => _backgroundRevalidations;

    private int _backgroundRevalidations;

    public async Task<ImageResult> GetAsync(ImageRequest request, CancellationToken cancellationToken)
    {
        var parameters = _parser.Parse(request.Query, _options.Security.PresetsOnly);
        var negotiated = SpecNegotiator.Negotiate(parameters, request.Accept, request.Hints, _engine.CanEncode, _engine.Name);
        var key = ObjectKey.Validate(request.Key);
        var origin = _origins.Get(request.Source);

        var id = SourceVersions.IdOf(request.Source, key);
        var version = await _versions.GetAsync(id).ConfigureAwait(false);
        var (state, stale) = await ResolveStateAsync(request.Source, origin, key, id, version).ConfigureAwait(false);
        if (state.Length > _options.Limits.MaxSourceBytes)
        {
            throw Problems.SourceTooLarge(nameof(LimitsOptions.MaxSourceBytes), _options.Limits.MaxSourceBytes, state.Length, "bytes");
        }

        var spec = negotiated.Spec;
        var hash = CacheKey.ForVariant(request.Source, key, state.Validator + "#" + version.Version, spec.Canonical(), _engine.Name, _engine.Version);
        Timings? timings = null;
        var (image, tier) = await _cache.GetOrComputeAsync(
            hash,
            async () =>
            {
                var (computed, t) = await ComputeAsync(request.Source, origin, key, state, spec).ConfigureAwait(false);
                timings = t;
                return computed;
            },
            version.Eviction,
            _freshness.Retention).ConfigureAwait(false);

        var age = _time.GetUtcNow() - state.ValidatedAt;
        var maxAge = stale ? 0 : (int)Math.Ceiling(Math.Max(0, _options.Cache.FreshSeconds - age.TotalSeconds));
        return new ImageResult(image, negotiated.Vary, stale ? "stale" : tier, timings?.OriginMilliseconds, timings?.TransformMilliseconds) { MaxAgeSeconds = maxAge };
    }

    /// <summary>The source's validator: cached while fresh, revalidated in the background while stale-while-revalidate, served stale on origin errors within stale-if-error.</summary>
    private async Task<(SourceState State, bool Stale)> ResolveStateAsync(string source, IOrigin origin, string key, string id, SourceVersion version)
    {
        var state = await _states.GetAsync(id, version).ConfigureAwait(false);
        if (state is null)
        {
            return (await ValidateAsync(source, origin, key, id, version, null).ConfigureAwait(false), false);
        }

        var now = _time.GetUtcNow();
        switch (_freshness.Classify(state.ValidatedAt, now))
        {
            case Freshness.Fresh:
                return (state, false);
            case Freshness.StaleWhileRevalidate:
                _metrics.StaleServed("revalidating");
                Interlocked.Increment(ref _backgroundRevalidations);
                _ = Task.Run(async () =>
                {
                    try
                    {
                        await ValidateAsync(source, origin, key, id, version, state).ConfigureAwait(false);
                    }
                    catch (Exception)
                    {
                        // The origin failing leaves the stale state in place; the next request past the window tries again.
                    }
                });
                return (state, true);
            default:
                try
                {
                    return (await ValidateAsync(source, origin, key, id, version, state).ConfigureAwait(false), false);
                }
                catch (ProblemException e) when (e.Status >= 500 && _freshness.MayServeOnError(state.ValidatedAt, now))
                {
                    _metrics.StaleServed("origin-error");
                    return (state, true);
                }
        }
    }

    /// <summary>
    /// Asks the origin (once per node at a time): a first look, or a conditional request against what is known,
    /// where an unchanged answer only extends freshness and no variant is computed again.
    /// </summary>
    private async Task<SourceState> ValidateAsync(string source, IOrigin origin, string key, string id, SourceVersion version, SourceState? known)
    {
        var (state, _) = await _validations.RunAsync(id + ":" + version.Version, async () =>
        {
            OriginObjectInfo? info;
            try
            {
                info = known is null
                    ? await origin.StatAsync(key, CancellationToken.None).ConfigureAwait(false)
                    : await origin.RevalidateAsync(key, ToInfo(known), CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not ProblemException)
            {
                throw Problems.OriginFailed(source, $"The origin of '{source}' failed: {e.Message}", e);
            }

            var now = _time.GetUtcNow();
            var fresh = info is null
                ? known! with { ValidatedAt = now }
                : new SourceState(info.Validator, info.Length, info.LastModified, info.ContentType, now);
            await _states.SetAsync(id, version, fresh).ConfigureAwait(false);
            return fresh;
        }).ConfigureAwait(false);
        return state;
    }

    private static OriginObjectInfo ToInfo(SourceState state) => new(state.Validator, state.Length, state.LastModified, state.ContentType);

    private async Task<(CachedImage Image, Timings Timings)> ComputeAsync(string source, IOrigin origin, string key, SourceState state, TransformSpec spec)
    {
        var started = Stopwatch.GetTimestamp();
        OriginObject obj;
        bool fromOrigin;
        try
        {
            (obj, fromOrigin) = await _sources.GetAsync(source, origin, key, ToInfo(state)).ConfigureAwait(false);
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
            var plan = ImagePlanner.Create(sourceInfo, spec, _options.Limits, _engine.CanAnimate);
            encoded = await _gate.RunAsync(ct => _engine.Render(obj.Bytes, plan, ct), _metrics.Rejected).ConfigureAwait(false);
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
