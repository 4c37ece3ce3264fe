using System.Globalization;
using System.Text;
using MediaEdge.Caching;
using MediaEdge.Pipeline;
using MediaEdge.Requests;
using MediaEdge.Tenancy.Usage;
using MediaEdge.Video.Transcode;

namespace MediaEdge.Video;

/// <summary>
/// The video routes' work: probing (cached per source version), frames for thumbnails (which then go through the
/// image pipeline like any image), animated previews, storyboards and transcoded clips. ffmpeg always reads through a lease on the
/// <see cref="MediaInputServer"/>, never the origin or a file of its own choosing.
/// </summary>
public sealed class VideoService : IFrameSource
{
    private readonly MediaInputServer _input;
    private readonly FfmpegRunner _ffmpeg;
    private readonly MemoryTier _memory;
    private readonly TieredCache _cache;
    private readonly SourceResolver _resolver;
    private readonly FreshnessPolicy _freshness;
    private readonly VideoOptions _options;
    private readonly TimeProvider _time;
    private readonly SingleFlight<VideoProbe> _probes = new();
    private readonly UsageMeter _usage;
    private readonly ClipLimits _clipLimits;

    public VideoService(MediaInputServer input, FfmpegRunner ffmpeg, MemoryTier memory, TieredCache cache, SourceResolver resolver, FreshnessPolicy freshness, VideoOptions options, TimeProvider time, ClipLimits clipLimits, UsageMeter usage)
    {
        _clipLimits = clipLimits;
        _usage = usage;
        _input = input;
        _ffmpeg = ffmpeg;
        _memory = memory;
        _cache = cache;
        _resolver = resolver;
        _freshness = freshness;
        _options = options;
        _time = time;
    }

    /// <summary>Bytes the last job of each kind read from the origin, for tests and the README's figures.</summary>
    public long LastJobOriginBytes { get; private set; }

    public async Task<VideoProbe> ProbeAsync(ResolvedSource source)
    {
        var key = CacheNamespace.VideoProbe(source.Id, source.Version.Version, source.State.Validator);
        if (_memory.TryGet<VideoProbe>(key, out var cached) && cached is not null)
        {
            return cached;
        }

        var (probe, _) = await _probes.RunAsync(key.ToString(), async () =>
        {
            var head = await source.Origin.ReadRangeAsync(source.Key, 0, 64, CancellationToken.None).ConfigureAwait(false);
            var demuxer = ContainerSniffer.Demuxer(head.Span);
            if (demuxer == "mov" && source.State.Length > 0)
            {
                await Mp4Boxes.EnsureWholeAsync(source.Origin, source.Key, source.State.Length, CancellationToken.None).ConfigureAwait(false);
            }

            using var lease = await _input.LeaseAsync(source.Source, source.Origin, source.Key, source.State).ConfigureAwait(false);
            var result = await _ffmpeg.ProbeAsync(lease, demuxer, CancellationToken.None).ConfigureAwait(false);
            _memory.Set(key, result, 512, _freshness.Retention, source.Version.Eviction);
            return result;
        }).ConfigureAwait(false);
        return probe;
    }

    public async Task<ReadOnlyMemory<byte>> ExtractFrameAsync(ResolvedSource source, VideoFrame frame, CancellationToken cancellationToken)
    {
        var probe = await ProbeAsync(source).ConfigureAwait(false);
        using var lease = await _input.LeaseAsync(source.Source, source.Origin, source.Key, source.State).ConfigureAwait(false);

        // A fast PNG: it is only handed to the image pipeline, which decodes it at once.
        const string png = "-frames:v 1 -f image2pipe -c:v png -compression_level 1";
        var colour = probe.Colour.ToSdrRgb(probe.Width, probe.Height);
        byte[] bytes;
        if (frame.Seconds is { } seconds)
        {
            // Past the end means the last frame: it shows until the very end.
            var at = Math.Min(seconds, Math.Max(0, probe.DurationSeconds - EndMargin(probe)));
            bytes = await UpToTheLastFrameAsync(lease, probe, at, from => FrameAtAsync(lease, probe, from, colour, png, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // ffmpeg's thumbnail filter keeps the keyframe nearest the average histogram: never a black or fade frame while others exist.
            bytes = await _ffmpeg.RenderAsync(lease, probe.Demuxer, VideoJob.Frame, "-skip_frame nokey", $"{Map(probe)} -vf \"thumbnail=n=10,{colour}\" {png}", cancellationToken).ConfigureAwait(false);
        }

        LastJobOriginBytes = lease.OriginBytes;
        return bytes.Length > 0 ? bytes : throw Problems.Undecodable("ffmpeg produced no frame: the video stream is empty or damaged.");
    }

    public async Task<VideoOutput> AnimatedAsync(string sourceName, string key, AnimatedRequest request, CancellationToken cancellationToken)
    {
        var source = await _resolver.ResolveAsync(sourceName, key).ConfigureAwait(false);
        var probe = await ProbeAsync(source).ConfigureAwait(false);
        var askedStart = request.Start ?? 0;
        var askedEnd = request.End ?? (askedStart + Math.Min(3, _options.MaxAnimatedSeconds));
        if (askedEnd - askedStart > _options.MaxAnimatedSeconds + 1e-9)
        {
            throw Problems.BadParameter("end", $"An animated preview lasts at most {_options.MaxAnimatedSeconds} s (Video:MaxAnimatedSeconds); end − start is {askedEnd - askedStart:0.##} s.");
        }

        if (askedEnd <= askedStart)
        {
            throw Problems.BadParameter("end", $"end must be after start ({Seconds(askedStart)} s).");
        }

        // Within the picture: a start past its end shows the last frame, and a clip of one frame is a preview of one frame.
        var fps = request.Fps ?? 10;
        var start = Math.Min(askedStart, Math.Max(0, probe.DurationSeconds - EndMargin(probe)));
        var end = Math.Min(askedEnd, probe.DurationSeconds);
        var frames = Math.Max(1, (int)Math.Ceiling(((end - start) * fps) - 1e-6));
        var size = AnimatedSize(request.Width, request.Height, probe);
        var canonical = $"anim;{request.Format};s={Seconds(start)};n={frames};fps={fps};{size}";
        var filters = $"[0:{probe.StreamIndex}]{FramesFrom(fps)},trim=end_frame={frames},{probe.Colour.ToSdrRgb(probe.Width, probe.Height, size, "lanczos")}";
        var output = request.Format == "gif"
            ? $"-filter_complex \"{filters},split[a][b];[a]palettegen=stats_mode=diff[p];[b][p]paletteuse=dither=bayer:bayer_scale=3\" -loop 0 -f gif"
            : $"-filter_complex \"{filters}\" -c:v libwebp_anim -loop 0 -quality 70 -f webp";
        var contentType = request.Format == "gif" ? "image/gif" : "image/webp";
        var (image, tier) = await RenderCachedAsync(source, canonical, contentType, (lease, ct) => UpToTheLastFrameAsync(lease, probe, start, from =>
            _ffmpeg.RenderAsync(lease, probe.Demuxer, VideoJob.Animated, $"-noaccurate_seek -ss {Seconds(from)}", "-an " + output, ct), ct), cancellationToken).ConfigureAwait(false);
        return Output(source, image, tier);
    }

    public async Task<VideoOutput> StoryboardAsync(string sourceName, string key, StoryboardRequest request, string selfPath, CancellationToken cancellationToken)
    {
        var source = await _resolver.ResolveAsync(sourceName, key).ConfigureAwait(false);
        var probe = await ProbeAsync(source).ConfigureAwait(false);
        var layout = StoryboardLayout.For(probe, request, _options.MaxStoryboardTiles);
        if (request.Kind is "vtt" or "json")
        {
            var sprite = $"{selfPath}.{request.SpriteFormat}{request.QueryForSprite()}";
            var text = request.Kind == "vtt" ? layout.ToWebVtt(sprite) : layout.ToJson(sprite);
            var bytes = Encoding.UTF8.GetBytes(text);
            var contentType = request.Kind == "vtt" ? "text/vtt; charset=utf-8" : "application/json";
            return Output(source, new CachedImage(bytes, contentType, CacheKey.ETagOf(bytes), _time.GetUtcNow(), layout.SpriteWidth, layout.SpriteHeight), "computed");
        }

        // Each tile is the frame showing halfway through its cue (time runs half an interval early into the fps filter);
        // the last frame is held past the end, so the last, shorter cue's tile never lacks one.
        var codec = request.Kind == "webp" ? "-c:v libwebp -quality 75" : "-c:v mjpeg -q:v 4";
        var size = $"{layout.TileWidth}:{layout.TileHeight}";
        var filters = $"tpad=stop_mode=clone:stop_duration={Seconds(layout.Interval)},setpts=PTS-{Seconds(layout.Interval / 2)}/TB,{FramesFrom("1/" + Seconds(layout.Interval))},{probe.Colour.ToSdrRgb(probe.Width, probe.Height, size)},tile={layout.Columns}x{layout.Rows}:nb_frames={layout.Count}";
        var canonical = $"story;{request.Kind};{filters}";
        var (image, tier) = await RenderCachedAsync(source, canonical, request.Kind == "webp" ? "image/webp" : "image/jpeg", (lease, ct) =>
            _ffmpeg.RenderAsync(lease, probe.Demuxer, VideoJob.Storyboard, "", $"-an {Map(probe)} -vf \"{filters}\" -frames:v 1 {codec} -f image2pipe", ct), cancellationToken).ConfigureAwait(false);
        return Output(source, image, tier);
    }

    /// <summary>
    /// A transcoded clip (video.mp4, video.webm): upright, SDR BT.709 4:2:0 of even size, without metadata, checked
    /// against the Video:MaxClip* limits before ffmpeg starts; cached like every other output.
    /// </summary>
    public async Task<VideoOutput> ClipAsync(string sourceName, string key, ClipRequest request, CancellationToken cancellationToken)
    {
        var source = await _resolver.ResolveAsync(sourceName, key).ConfigureAwait(false);
        _clipLimits.CheckSource(sourceName, source.State.Length);
        var probe = await ProbeAsync(source).ConfigureAwait(false);
        if (request.Start >= probe.DurationSeconds)
        {
            throw Problems.BadParameter("start", $"start must be before the end of the video ({Seconds(probe.DurationSeconds)} s); got {Seconds(request.Start)}.");
        }

        var seconds = Math.Min(request.Duration ?? double.MaxValue, probe.DurationSeconds - request.Start);
        var geometry = ClipGeometry.For(request, probe.DisplayWidth, probe.DisplayHeight);
        _clipLimits.CheckOutput(sourceName, seconds, geometry);

        var rate = request.Fps is { } fps ? $"fps=fps={fps}," : "";
        var filters = ClipEncoding.Picture(probe, geometry, rate);
        var audio = request.Audio && probe.AudioCodec is not null;
        var output = $"-filter_complex \"{filters}\" -map [v] {(audio ? "-map 0:a:0 " : "")}-t {Seconds(seconds)} {ClipEncoding.Output(request.Format, request.Quality, audio)}";
        var input = request.Start > 0 ? $"-ss {Seconds(request.Start)}" : "";
        var (clip, tier) = await RenderCachedAsync(source, $"clip;{input};{output}", ClipEncoding.ContentType(request.Format), async (lease, ct) =>
        {
            using var slot = await _clipLimits.EnterAsync(ct).ConfigureAwait(false);
            return await _ffmpeg.TranscodeAsync(lease, probe.Demuxer, input, output, ct).ConfigureAwait(false);
        }, cancellationToken, (geometry.Width, geometry.Height)).ConfigureAwait(false);
        return Output(source, clip, tier);
    }

    internal static string Seconds(double seconds) => seconds.ToString("0.######", CultureInfo.InvariantCulture);

    /// <summary>
    /// The fps filter that emits, at each tick from the seek point, the frame showing then (the latest that started at
    /// or before it): ffmpeg's own accurate seek would drop that frame when it started before the seek point, and with
    /// it every frame of a slow or variable-rate stream up to the next one.
    /// </summary>
    private static string FramesFrom(object rate) => $"fps=fps={rate}:start_time=0:round=up";

    /// <summary>The input stream ffmpeg reads: the picture, never a cover image.</summary>
    private static string Map(VideoProbe probe) => string.Create(CultureInfo.InvariantCulture, $"-map 0:{probe.StreamIndex}");

    /// <summary>How far before the end a time is pulled in to land on the last frame (ffmpeg's fps filter emits nothing at the very end).</summary>
    private static double EndMargin(VideoProbe probe) => Math.Min(0.002, probe.FrameSeconds / 4);

    /// <summary>
    /// Renders from <paramref name="at"/>; where that gives nothing because the container overstated the stream's
    /// length (an edit list, a lost last frame), renders again from the last frame, found in the stream's packets.
    /// </summary>
    private async Task<byte[]> UpToTheLastFrameAsync(MediaLease lease, VideoProbe probe, double at, Func<double, Task<byte[]>> render, CancellationToken cancellationToken)
    {
        var bytes = await render(at).ConfigureAwait(false);
        if (bytes.Length > 0 || at <= 0)
        {
            return bytes;
        }

        var last = probe.LastFrameSeconds ?? await _ffmpeg.LastFrameAsync(lease, probe, cancellationToken).ConfigureAwait(false);
        return last is { } lastFrame && lastFrame < at ? await render(lastFrame).ConfigureAwait(false) : bytes;
    }

    /// <summary>
    /// The frame on screen at <paramref name="at"/>, to the millisecond. The trim keeps only that frame: the fps filter repeats
    /// each input frame up to the next one (40 times at 25 fps), and converting each repeat to RGB doubled a 1080p frame's time.
    /// </summary>
    private async Task<byte[]> FrameAtAsync(MediaLease lease, VideoProbe probe, double at, string colour, string png, CancellationToken cancellationToken) =>
        await _ffmpeg.RenderAsync(lease, probe.Demuxer, VideoJob.Frame, $"-noaccurate_seek -ss {Seconds(at)}", $"{Map(probe)} -vf \"{FramesFrom(1000)},trim=end_frame=1,{colour}\" {png}", cancellationToken).ConfigureAwait(false);

    /// <summary>The swscale size of an animated preview (<c>w:h</c>, -2 keeping the aspect): the asked box, else at most 480 px on the long side.</summary>
    private string AnimatedSize(int? width, int? height, VideoProbe probe)
    {
        var box = Math.Min(480, _options.MaxAnimatedDimension);
        return (width, height) switch
        {
            ({ } w, { } h) => $"{w}:{h}:force_original_aspect_ratio=decrease:force_divisible_by=2",
            ({ } w, null) => $"{w}:-2",
            (null, { } h) => $"-2:{h}",
            _ => probe.DisplayWidth >= probe.DisplayHeight ? $"'min({box},iw)':-2" : $"-2:'min({box},ih)'",
        };
    }

    /// <summary>An ffmpeg output of <paramref name="source"/>, computed once per cluster and cached under <paramref name="canonical"/> (the command that makes it).</summary>
    /// <param name="size">The output's size where known; else read from the image's header.</param>
    internal async Task<(CachedImage Image, string Tier)> RenderCachedAsync(ResolvedSource source, string canonical, string contentType, Func<MediaLease, CancellationToken, Task<byte[]>> render, CancellationToken cancellationToken, (int Width, int Height)? size = null)
    {
        var hash = CacheKey.ForVariant(source.Source, source.Key, source.State.Validator + "#" + source.Version.Version, canonical, "ffmpeg", "2");
        return await _cache.GetOrComputeAsync(hash, async ct =>
        {
            using var lease = await _input.LeaseAsync(source.Source, source.Origin, source.Key, source.State).ConfigureAwait(false);
            var bytes = await render(lease, ct).ConfigureAwait(false);
            LastJobOriginBytes = lease.OriginBytes;
            _usage.Computed(source.Source, 0);
            if (bytes.Length == 0)
            {
                throw Problems.Undecodable("ffmpeg produced no output: the video stream is empty or damaged.");
            }

            var (width, height) = size ?? ImageSizeOf(bytes);
            return new CachedImage(bytes, contentType, CacheKey.ETagOf(bytes), _time.GetUtcNow(), width, height);
        }, source.Version.Eviction, _freshness.Retention, cancellationToken).ConfigureAwait(false);
    }

    private static (int Width, int Height) ImageSizeOf(byte[] bytes)
    {
        try
        {
            var info = SixLabors.ImageSharp.Image.Identify(bytes);
            return info is null ? (0, 0) : (info.Width, info.Height);
        }
        catch (Exception)
        {
            return (0, 0);
        }
    }

    /// <summary>An output of <paramref name="source"/>, with the max-age every route gives (<see cref="FreshnessPolicy.MaxAgeSeconds"/>).</summary>
    internal VideoOutput Output(ResolvedSource source, CachedImage image, string tier) =>
        new(image, tier, source.Stale, _freshness.MaxAgeSeconds(source.State.ValidatedAt, _time.GetUtcNow(), source.Stale));
}
