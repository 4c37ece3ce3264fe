using System.Diagnostics;
using System.Text.Json;
using MediaEdge.Caching;
using MediaEdge.Diagnostics;
using MediaEdge.Imaging;
using MediaEdge.Limits;
using MediaEdge.Negotiation;
using MediaEdge.Origins;
using MediaEdge.Requests;
using MediaEdge.Tenancy;
using MediaEdge.Tenancy.Usage;
using MediaEdge.Video.Animation;

namespace MediaEdge.Pipeline;

/// <summary>
/// The request path for images: parse → negotiate → settle (the AVIF budget, from the source's header) → key → L1 →
/// single flight → source → engine → store.
/// Each stage is its own type; this one only strings them together. Where the configured engine cannot read a valid
/// source (a 415 naming the engine: HEIC, arithmetic-coded JPEG, LogLuv TIFF…), the other engine renders it, under a
/// cache key that names the engine that rendered.
/// </summary>
public sealed class ImageService
{
    private readonly ImageQueryParser _parser;
    private readonly SourceResolver _resolver;
    private readonly SourceStore _sources;
    private readonly TieredCache _cache;
    private readonly FreshnessPolicy _freshness;
    private readonly IImageEngine _engine;
    private readonly IImageEngine? _fallback;
    private readonly TransformGate _gate;
    private readonly MediaEdgeOptions _options;
    private readonly SourceLimits _limits;
    private readonly SourceRateLimits _rates;
    private readonly UsageMeter _usage;
    private readonly IFrameSource? _frames;
    private readonly AnimationVideoEncoder? _video;
    private readonly MediaEdgeMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly SingleFlight<Fetched> _headerReads = new();
    private readonly RequestForms _forms = new();

    /// <param name="fallback">The engine for what the configured one cannot read (Imaging:Fallback).</param>
    /// <param name="frames">Where video thumbnails get their frame, the one image pipeline rendering it as source bytes; none: a thumbnail is an error.</param>
    /// <param name="video">What encodes an animation as fm=mp4 or fm=webm; none: those are refused as formats not available.</param>
    public ImageService(
        MediaEdgeOptions options,
        SourceResolver resolver,
        SourceStore sources,
        TieredCache cache,
        FreshnessPolicy freshness,
        IImageEngine engine,
        TransformGate gate,
        MediaEdgeMetrics metrics,
        TimeProvider time,
        SourceLimits limits,
        SourceRateLimits rates,
        UsageMeter usage,
        FallbackEngine? fallback = null,
        IFrameSource? frames = null,
        AnimationVideoEncoder? video = null)
    {
        _frames = frames;
        _video = video;
        _options = options;
        _limits = limits;
        _rates = rates;
        _usage = usage;
        _parser = new ImageQueryParser(options.Presets);
        _resolver = resolver;
        _sources = sources;
        _cache = cache;
        _freshness = freshness;
        _engine = engine;
        _fallback = options.Imaging.Fallback ? fallback?.Engine : null;
        _gate = gate;
        _metrics = metrics;
        _time = time;
    }

    public IImageEngine Engine => _engine;

    /// <summary>The engine that renders what <see cref="Engine"/> cannot read, if any (Imaging:Fallback).</summary>
    public IImageEngine? Fallback => _fallback;

    /// <summary>Background revalidations started (stale-while-revalidate), for tests.</summary>
    public int BackgroundRevalidations => _resolver.BackgroundRevalidations;

    /// <summary>
    /// Runs this node's own steps of a transform once on a generated JPEG (query parsing, negotiation, the engine's header
    /// read, the plan and the cache key), so that a fresh node's first request does not pay for their first use (cold start,
    /// issue 13). Touches no origin, cache or worker.
    /// </summary>
    public void WarmUp()
    {
        using var picture = new SixLabors.ImageSharp.Image<SixLabors.ImageSharp.PixelFormats.Rgb24>(64, 40);
        using var jpeg = new MemoryStream();
        SixLabors.ImageSharp.ImageExtensions.SaveAsJpeg(picture, jpeg);
        var parameters = _parser.Parse([new("w", "32"), new("auto", "format"), new("q", "80")]);
        var spec = SpecNegotiator.Negotiate(parameters, "image/avif,image/webp,image/apng,image/*,*/*;q=0.8", new ClientHints(null, null, false), _engine.CanEncode, _engine.Name).Spec;
        var header = _engine.Identify(jpeg.ToArray());
        spec = ImagePlanner.SettleAvif(spec, header, _options.Imaging.AvifMaxPixels);
        ImagePlanner.Create(header, spec, _options.Limits, _engine.CanAnimate, _options.Imaging.AvifMaxPixels);
        CacheKey.ForVariant("warm", "warm.jpg", "validator", spec.Canonical(), _engine.Name, _engine.Version);
        RequestForms.Of("/img/warm/warm.jpg?w=32", "image/webp", _ => null);
    }

    /// <summary>
    /// The answer to a request form served before (<see cref="RequestForms"/>), where its source state is still current and
    /// fresh and its variant still in L1; else null, and the request takes <see cref="GetAsync"/>.
    /// </summary>
    public async ValueTask<ImageResult?> GetRememberedAsync(string form)
    {
        if (!_forms.TryGet(form, out var remembered)
            || !await _resolver.IsCurrentAndFreshAsync(remembered.SourceId, remembered.Version, remembered.State).ConfigureAwait(false)
            || _cache.Local(remembered.VariantHash) is not { } image)
        {
            return null;
        }

        var state = remembered.State;
        return new ImageResult(image, remembered.Vary, "hit-l1", null, null) { MaxAgeSeconds = MaxAge(state, stale: false), SourceBytes = state.Length };
    }

    public async Task<ImageResult> GetAsync(ImageRequest request, CancellationToken cancellationToken)
    {
        request = request.ArrivedAt is null ? request with { ArrivedAt = _time.GetUtcNow() } : request;
        var presetsOnly = _options.Sources.GetValueOrDefault(request.Source)?.PresetsOnly;
        var parameters = _parser.Parse(request.Query, presetsOnly ?? _options.Security.PresetsOnly, presetsOnly is null ? "Security:PresetsOnly" : $"Sources:{request.Source}:PresetsOnly");
        if (request.Frame is not null && request.Format is { } routeFormat && parameters.Format is null)
        {
            parameters = parameters with { Format = routeFormat, AutoFormat = false };
        }

        var negotiated = SpecNegotiator.Negotiate(parameters, request.Accept, request.Hints, CanEncode, _engine.Name);
        var key = ObjectKey.Validate(request.Key);
        var resolved = await _resolver.ResolveAsync(request.Source, key).ConfigureAwait(false);
        var state = resolved.State;
        var limits = _limits.For(request.Source);
        if (request.Frame is null && state.Length > limits.MaxSourceBytes)
        {
            throw Problems.SourceTooLarge(nameof(LimitsOptions.MaxSourceBytes), limits.MaxSourceBytes, state.Length, "bytes", limits.KeyOf(nameof(LimitsOptions.MaxSourceBytes)));
        }

        Variant variant;
        try
        {
            variant = await GetVariantAsync(request, resolved, key, negotiated.Spec, _engine, cancellationToken).ConfigureAwait(false);
        }
        catch (ProblemException refused) when (Problems.IsEngineLimitation(refused) && _fallback is { } fallback)
        {
            variant = await GetFallbackVariantAsync(request, parameters, negotiated.Spec, resolved, key, fallback, refused, cancellationToken).ConfigureAwait(false);
        }

        var (image, tier, timings, hash) = variant;
        if (request.Form is { } form && request.Frame is null && !resolved.Stale)
        {
            _forms.Remember(form, new RequestForm(resolved.Id, resolved.Version.Version, state, hash, negotiated.Vary));
        }

        return new ImageResult(image, negotiated.Vary, resolved.Stale ? "stale" : tier, timings?.OriginMilliseconds, timings?.TransformMilliseconds) { MaxAgeSeconds = MaxAge(state, resolved.Stale), SourceBytes = state.Length, Ladder = timings?.Ladder ?? LadderUse.None };
    }

    /// <summary>What the configured engine encodes, and the videos of an animation where an encoder for them is registered.</summary>
    private bool CanEncode(OutputFormat format) => AnimationVideoEncoder.Writes(format) ? _video is not null && _engine.CanAnimate(OutputFormat.Gif) : _engine.CanEncode(format);

    /// <summary>Freshness left for Cache-Control max-age, in whole seconds (0 when served stale).</summary>
    private int MaxAge(Caching.SourceState state, bool stale) => _freshness.MaxAgeSeconds(state.ValidatedAt, _time.GetUtcNow(), stale);

    /// <summary>The variant as one engine renders it, from the cache or computed once, under a key naming that engine.</summary>
    private async Task<Variant> GetVariantAsync(ImageRequest request, ResolvedSource resolved, string key, TransformSpec spec, IImageEngine engine, CancellationToken cancellationToken)
    {
        // The key names the output, not the Accept it came from: AVIF past the budget is settled to WebP first, so it shares
        // WebP's variant; likewise fit=max that would not enlarge is settled to clip.
        Fetched? fetched = null;
        if ((spec.AvifBudgeted || spec.Fit == FitMode.Max) && request.Frame is null)
        {
            var header = await _resolver.GetImageAsync(resolved).ConfigureAwait(false);
            if (header is null)
            {
                // Concurrent first requests read the source and its header once; the bytes and the header go on to the transform.
                var (read, shared) = await _headerReads.RunAsync(resolved.Id + "\n" + resolved.State.Validator + "\n" + engine.Name, async () =>
                {
                    var bytes = await FetchAsync(resolved, null, CancellationToken.None).ConfigureAwait(false);
                    var identified = engine.Identify(bytes.Object.Bytes);
                    await _resolver.RememberImageAsync(resolved, identified).ConfigureAwait(false);
                    return bytes with { Header = identified };
                }).ConfigureAwait(false);
                header = read.Header!;
                fetched = shared ? read with { OriginMilliseconds = null } : read;
            }

            spec = ImagePlanner.SettleFit(ImagePlanner.SettleAvif(spec, header, _options.Imaging.AvifMaxPixels), header);
        }

        var canonical = request.Frame is { } frame ? spec.Canonical() + ";frame=" + frame.Canonical() : spec.Canonical();
        var hash = CacheKey.ForVariant(request.Source, key, resolved.State.Validator + "#" + resolved.Version.Version, canonical, engine.Name, engine.Version);
        Timings? timings = null;
        var (image, tier) = await _cache.GetOrComputeAsync(
            hash,
            async ct =>
            {
                var (computed, t) = await ComputeAsync(resolved, spec, request.Frame, engine, fetched, request.ArrivedAt, ct).ConfigureAwait(false);
                timings = t;
                return computed;
            },
            resolved.Version.Eviction,
            _freshness.Retention,
            cancellationToken).ConfigureAwait(false);
        return new Variant(image, tier, timings, hash);
    }

    /// <summary>
    /// The configured engine cannot read this valid source: the other one renders the same output, or where it cannot
    /// write that format (AVIF, progressive JPEG), the output negotiated for what it writes. Where it cannot read the
    /// source either, or cannot write the format asked for, the answer is a 415 naming both.
    /// </summary>
    private async Task<Variant> GetFallbackVariantAsync(ImageRequest request, ImageParameters parameters, TransformSpec negotiated, ResolvedSource resolved, string key, IImageEngine fallback, ProblemException refused, CancellationToken cancellationToken)
    {
        TransformSpec spec;
        try
        {
            spec = negotiated.Format is OutputFormat.Source or OutputFormat.JpegOrPng || fallback.CanEncode(negotiated.Format)
                ? negotiated
                : SpecNegotiator.Negotiate(parameters, request.Accept, request.Hints, fallback.CanEncode, fallback.Name).Spec;
        }
        catch (ProblemException unencodable) when (unencodable.Status == 400)
        {
            throw Problems.EngineCannotRead(_engine.Name, $"{refused.Message} The '{fallback.Name}' engine reads it, but does not write the format asked for: ask for another fm.", refused);
        }

        try
        {
            return await GetVariantAsync(request, resolved, key, spec, fallback, cancellationToken).ConfigureAwait(false);
        }
        catch (ProblemException again) when (Problems.IsEngineLimitation(again))
        {
            throw Problems.EngineCannotRead(fallback.Name, $"{refused.Message} Nor can the '{fallback.Name}' engine: {again.Message}", again);
        }
    }

    private async Task<(CachedImage Image, Timings Timings)> ComputeAsync(ResolvedSource resolved, TransformSpec spec, VideoFrame? frame, IImageEngine engine, Fetched? fetched, DateTimeOffset? arrivedAt, CancellationToken cancellationToken)
    {
        var (obj, originMs, header) = fetched ?? await FetchAsync(resolved, frame, cancellationToken).ConfigureAwait(false);

        var transformStarted = Stopwatch.GetTimestamp();
        var sourceInfo = header ?? engine.Identify(obj.Bytes);
        var limits = _limits.For(resolved.Source);
        SourceGuard.Check(sourceInfo, limits);

        EncodedImage encoded;
        if (spec.Format == OutputFormat.Json)
        {
            encoded = Describe(sourceInfo, obj, engine);
        }
        else
        {
            var video = AnimationVideoEncoder.Writes(spec.Format) ? spec.Format : (OutputFormat?)null;
            if (video is not null && sourceInfo.Frames <= 1)
            {
                throw Problems.BadParameter("fm", $"fm={spec.Format.ToString().ToLowerInvariant()} turns an animated GIF or WebP into a video; this source is a still {sourceInfo.Format.ToString().ToLowerInvariant()} (1 frame). Ask for an image format.");
            }

            // A video is encoded from the animation the engine renders as GIF at the planned size.
            spec = video is null ? spec : spec with { Format = OutputFormat.Gif };

            // A video frame has no identity of its own to keep a decode under.
            var plan = ImagePlanner.Create(sourceInfo, spec, limits, engine.CanAnimate, _options.Imaging.AvifMaxPixels) with
            {
                SourceIdentity = frame is null ? resolved.Id + "\n" + resolved.State.Validator + "#" + resolved.Version.Version : null,
            };
            using var span = MediaEdgeTracing.Source.StartActivity("transform");
            span?.SetTag("mediaedge.engine", engine.Name);
            span?.SetTag("mediaedge.format", plan.Format.ToString());
            // The source's transform time is looked at before it waits for a slot, and again once it has one: transforms let
            // into the line together must not all run on the time of the first.
            _rates.AdmitTransform(resolved.Source);
            var renderStarted = Stopwatch.GetTimestamp();
            // The gate reserves the decode memory once the transform has its slot, so transforms waiting in line hold none.
            encoded = await _gate.RunAsync(
                ct =>
                {
                    _rates.AdmitTransform(resolved.Source);
                    return engine.Render(obj.Bytes, plan, ct);
                },
                ImagePlanner.DecodeBytes(plan),
                _metrics.Rejected,
                arrivedAt,
                resolved.Source).ConfigureAwait(false);

            // A worker's CPU time where it measured it; in process, the wall time from the request for a slot on.
            var renderMs = encoded.CpuMilliseconds ?? Stopwatch.GetElapsedTime(renderStarted).TotalMilliseconds;
            _rates.Charge(resolved.Source, TimeSpan.FromMilliseconds(renderMs));
            _usage.Computed(resolved.Source, renderMs);
            if (video is { } videoFormat)
            {
                encoded = await _video!.EncodeAsync(resolved.Source, encoded.Bytes, videoFormat, plan.Quality, encoded.Width, encoded.Height, cancellationToken).ConfigureAwait(false);
            }

            _metrics.Transformed(engine.Name, Stopwatch.GetElapsedTime(transformStarted).TotalMilliseconds);
            if (encoded.Ladder != LadderUse.None)
            {
                _metrics.Laddered(encoded.Ladder);
            }
        }

        var transformMs = Stopwatch.GetElapsedTime(transformStarted).TotalMilliseconds;
        var image = new CachedImage(encoded.Bytes, encoded.ContentType, CacheKey.ETagOf(encoded.Bytes.Span), _time.GetUtcNow(), encoded.Width, encoded.Height);
        return (image, new Timings(originMs, transformMs, encoded.Ladder));
    }

    /// <summary>The source's bytes (or the video frame's), and the time the origin took where it was asked.</summary>
    private async Task<Fetched> FetchAsync(ResolvedSource resolved, VideoFrame? frame, CancellationToken cancellationToken)
    {
        var source = resolved.Source;
        var started = Stopwatch.GetTimestamp();
        OriginObject obj;
        var fromOrigin = true;
        try
        {
            if (frame is not null)
            {
                var frameBytes = await (_frames ?? throw new InvalidOperationException("No frame source is registered for video thumbnails.")).ExtractFrameAsync(resolved, frame, cancellationToken).ConfigureAwait(false);
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

        return new Fetched(obj, fromOrigin ? Stopwatch.GetElapsedTime(started).TotalMilliseconds : null);
    }

    private static EncodedImage Describe(SourceInfo info, OriginObject obj, IImageEngine engine)
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
            engine = engine.Name,
        });
        return new EncodedImage(json, "application/json", info.OrientedWidth, info.OrientedHeight);
    }

    /// <summary>Source bytes, the origin's time where it was asked, and the engine's reading of the header where it was made already.</summary>
    private sealed record Fetched(OriginObject Object, double? OriginMilliseconds, SourceInfo? Header = null);

    private sealed record Timings(double? OriginMilliseconds, double TransformMilliseconds, LadderUse Ladder);

    private sealed record Variant(CachedImage Image, string Tier, Timings? Timings, string Hash);
}
