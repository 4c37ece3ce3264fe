using System.Globalization;
using System.Text;
using MediaEdge.Caching;
using MediaEdge.Requests;

namespace MediaEdge.Video;

/// <summary>
/// The video routes' work: probing (cached per source version), frames for thumbnails (which then go through the
/// image pipeline like any image), animated previews and storyboards. ffmpeg always reads through a lease on the
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

    public VideoService(MediaInputServer input, FfmpegRunner ffmpeg, MemoryTier memory, TieredCache cache, SourceResolver resolver, FreshnessPolicy freshness, VideoOptions options, TimeProvider time)
    {
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
        var key = $"vprobe:{source.Id}:{source.Version.Version}:{source.State.Validator}";
        if (_memory.TryGet<VideoProbe>(key, out var cached) && cached is not null)
        {
            return cached;
        }

        var (probe, _) = await _probes.RunAsync(key, async () =>
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
        const string Png = "-frames:v 1 -f image2pipe -c:v png";
        byte[] png;
        if (frame.Seconds is { } seconds)
        {
            // Past the end means the last frame: seek a little before it.
            var last = Math.Max(0, probe.DurationSeconds - (2 / probe.FrameRate));
            var at = Math.Min(seconds, last);
            png = await _ffmpeg.RenderAsync(lease, probe.Demuxer, $"-ss {Seconds(at)}", Png, cancellationToken).ConfigureAwait(false);
            if (png.Length == 0 && at > 0)
            {
                png = await _ffmpeg.RenderAsync(lease, probe.Demuxer, $"-ss {Seconds(Math.Max(0, probe.DurationSeconds - 1))}", Png, cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            // ffmpeg's thumbnail filter keeps the keyframe nearest the average histogram: never a black or fade frame while others exist.
            png = await _ffmpeg.RenderAsync(lease, probe.Demuxer, "-skip_frame nokey", $"-vf thumbnail=n=10 {Png}", cancellationToken).ConfigureAwait(false);
        }

        LastJobOriginBytes = lease.OriginBytes;
        return png.Length > 0 ? png : throw Problems.Undecodable("ffmpeg produced no frame: the video stream is empty or damaged.");
    }

    public async Task<(CachedImage Image, string Tier, bool Stale)> AnimatedAsync(string sourceName, string key, AnimatedRequest request, CancellationToken cancellationToken)
    {
        var source = await _resolver.ResolveAsync(sourceName, key).ConfigureAwait(false);
        var probe = await ProbeAsync(source).ConfigureAwait(false);
        var start = Math.Min(request.Start ?? 0, Math.Max(0, probe.DurationSeconds - 0.1));
        var end = Math.Min(request.End ?? (start + Math.Min(3, _options.MaxAnimatedSeconds)), probe.DurationSeconds);
        if (end - start > _options.MaxAnimatedSeconds + 1e-9)
        {
            throw Problems.BadParameter("end", $"An animated preview lasts at most {_options.MaxAnimatedSeconds} s (Video:MaxAnimatedSeconds); end − start is {end - start:0.##} s.");
        }

        if (end <= start)
        {
            throw Problems.BadParameter("end", $"end must be after start ({Seconds(start)} s) and within the video ({Seconds(probe.DurationSeconds)} s).");
        }

        var fps = request.Fps ?? 10;
        var scale = ScaleFilter(request.Width, request.Height, probe);
        var canonical = $"anim;{request.Format};s={Seconds(start)};e={Seconds(end)};fps={fps};{scale}";
        var filters = $"fps={fps},{scale}:flags=lanczos";
        var output = request.Format == "gif"
            ? $"-filter_complex \"[0:v]{filters},split[a][b];[a]palettegen=stats_mode=diff[p];[b][p]paletteuse=dither=bayer:bayer_scale=3\" -loop 0 -f gif"
            : $"-vf \"{filters}\" -c:v libwebp_anim -loop 0 -quality 70 -an -f webp";
        var contentType = request.Format == "gif" ? "image/gif" : "image/webp";
        var (image, tier) = await RenderCachedAsync(source, canonical, contentType, (lease, ct) =>
            _ffmpeg.RenderAsync(lease, probe.Demuxer, $"-ss {Seconds(start)} -t {Seconds(end - start)}", "-an " + output, ct), cancellationToken).ConfigureAwait(false);
        return (image, tier, source.Stale);
    }

    public async Task<(CachedImage Image, string Tier, bool Stale)> StoryboardAsync(string sourceName, string key, StoryboardRequest request, string selfPath, CancellationToken cancellationToken)
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
            return (new CachedImage(bytes, contentType, CacheKey.ETagOf(bytes), _time.GetUtcNow(), layout.SpriteWidth, layout.SpriteHeight), "computed", source.Stale);
        }

        var codec = request.Kind == "webp" ? "-c:v libwebp -quality 75" : "-c:v mjpeg -q:v 4";
        var filters = $"fps=1/{Seconds(layout.Interval)},scale={layout.TileWidth}:{layout.TileHeight},tile={layout.Columns}x{layout.Rows}";
        var canonical = $"story;{request.Kind};{filters}";
        var (image, tier) = await RenderCachedAsync(source, canonical, request.Kind == "webp" ? "image/webp" : "image/jpeg", (lease, ct) =>
            _ffmpeg.RenderAsync(lease, probe.Demuxer, "", $"-an -vf \"{filters}\" -frames:v 1 {codec} -f image2pipe", ct), cancellationToken).ConfigureAwait(false);
        return (image, tier, source.Stale);
    }

    internal static string Seconds(double seconds) => seconds.ToString("0.###", CultureInfo.InvariantCulture);

    private string ScaleFilter(int? width, int? height, VideoProbe probe)
    {
        var box = _options.MaxAnimatedDimension;
        return (width, height) switch
        {
            ({ } w, { } h) => $"scale={w}:{h}:force_original_aspect_ratio=decrease",
            ({ } w, null) => $"scale={w}:-2",
            (null, { } h) => $"scale=-2:{h}",
            _ => probe.DisplayWidth >= probe.DisplayHeight ? $"scale='min({Math.Min(480, box)},iw)':-2" : $"scale=-2:'min({Math.Min(480, box)},ih)'",
        };
    }

    private async Task<(CachedImage Image, string Tier)> RenderCachedAsync(ResolvedSource source, string canonical, string contentType, Func<MediaLease, CancellationToken, Task<byte[]>> render, CancellationToken cancellationToken)
    {
        var hash = CacheKey.ForVariant(source.Source, source.Key, source.State.Validator + "#" + source.Version.Version, canonical, "ffmpeg", "1");
        return await _cache.GetOrComputeAsync(hash, async ct =>
        {
            using var lease = await _input.LeaseAsync(source.Source, source.Origin, source.Key, source.State).ConfigureAwait(false);
            var bytes = await render(lease, ct).ConfigureAwait(false);
            LastJobOriginBytes = lease.OriginBytes;
            if (bytes.Length == 0)
            {
                throw Problems.Undecodable("ffmpeg produced no output: the video stream is empty or damaged.");
            }

            var size = ImageSizeOf(bytes);
            return new CachedImage(bytes, contentType, CacheKey.ETagOf(bytes), _time.GetUtcNow(), size.Width, size.Height);
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
}
