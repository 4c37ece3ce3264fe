using System.Globalization;
using System.Text;
using MediaEdge.Caching;
using MediaEdge.Pipeline;
using MediaEdge.Requests;
using MediaEdge.Video.Transcode;

namespace MediaEdge.Video.Streaming;

/// <summary>
/// HLS from any stored video without pre-encoding: playlists written from the probe, and each segment transcoded on
/// demand from the source's byte ranges (ffmpeg seeks through the <see cref="MediaInputServer"/>) when first asked
/// for, then cached like any variant and made once per cluster. The master playlist makes every rendition's first
/// segment to measure it, so a player's first segment is then a cache hit.
/// </summary>
public sealed class HlsService
{
    /// <summary>The media type of a segment.</summary>
    public const string SegmentType = "video/mp2t";

    private readonly VideoService _videos;
    private readonly FfmpegRunner _ffmpeg;
    private readonly SourceResolver _resolver;
    private readonly ClipLimits _limits;
    private readonly VideoOptions _options;
    private readonly TimeProvider _time;

    public HlsService(VideoService videos, FfmpegRunner ffmpeg, SourceResolver resolver, ClipLimits limits, VideoOptions options, TimeProvider time)
    {
        _videos = videos;
        _ffmpeg = ffmpeg;
        _resolver = resolver;
        _limits = limits;
        _options = options;
        _time = time;
    }

    /// <summary>master.m3u8: the renditions no taller than the source, each with its measured average and its peak bit rate.</summary>
    public async Task<VideoOutput> MasterAsync(string sourceName, string key, HlsRequest request, HlsLinks links, CancellationToken cancellationToken)
    {
        var stream = await OpenAsync(sourceName, key, request).ConfigureAwait(false);
        // Not cancelled with the request: a player that gives up and asks again joins the same encodes, whose results it will fetch next anyway.
        var first = await Task.WhenAll(stream.Renditions.Select(r => SegmentAsync(stream, r, 0, CancellationToken.None))).WaitAsync(cancellationToken).ConfigureAwait(false);
        var measured = stream.Renditions.Select((rendition, i) => (
            rendition,
            HlsEncoding.PeakBitsPerSecond(rendition, _options.Hls.SegmentSeconds, stream.Audio),
            (long)Math.Ceiling(first[i].Image.Bytes.Length * 8 / Math.Max(stream.Timeline.Duration(0), 0.001))));
        var text = HlsPlaylists.Master(measured, stream.Probe.FrameRate, stream.Audio, r => links.To(Folder(r) + "index.m3u8"));
        return Text(stream.Source, text, first.Any(s => s.Tier == "miss") ? "miss" : "hit-l1");
    }

    /// <summary>{height}p/index.m3u8: every segment of one rendition; 404 for a height the master does not list.</summary>
    public async Task<VideoOutput> MediaAsync(string sourceName, string key, int height, HlsRequest request, HlsLinks links)
    {
        var stream = await OpenAsync(sourceName, key, request).ConfigureAwait(false);
        var rendition = stream.Rendition(height);
        var text = HlsPlaylists.Media(stream.Timeline, index => links.To(Folder(rendition) + index.ToString(CultureInfo.InvariantCulture) + ".ts", Folder(rendition)));
        return Text(stream.Source, text, "computed");
    }

    /// <summary>{height}p/{n}.ts: segment n of one rendition, transcoded on first demand; 404 past the last segment.</summary>
    public async Task<VideoOutput> SegmentAsync(string sourceName, string key, int height, int index, HlsRequest request, CancellationToken cancellationToken)
    {
        var stream = await OpenAsync(sourceName, key, request).ConfigureAwait(false);
        var rendition = stream.Rendition(height);
        if (index >= stream.Timeline.Count)
        {
            throw new ProblemException(404, "no-such-segment", "No such segment",
                $"The {height}p rendition has segments 0 to {stream.Timeline.Count - 1} ({_options.Hls.SegmentSeconds} s each); {index} is past its end.");
        }

        var (segment, tier) = await SegmentAsync(stream, rendition, index, cancellationToken).ConfigureAwait(false);
        return _videos.Output(stream.Source, segment, tier);
    }

    private static string Folder(HlsRendition rendition) => rendition.Height.ToString(CultureInfo.InvariantCulture) + "p/";

    private async Task<HlsStream> OpenAsync(string sourceName, string key, HlsRequest request)
    {
        var source = await _resolver.ResolveAsync(sourceName, key).ConfigureAwait(false);
        _limits.CheckSource(sourceName, source.State.Length);
        var probe = await _videos.ProbeAsync(source).ConfigureAwait(false);
        var renditions = HlsRendition.For(probe, _options.Hls.Ladder, _limits.For(sourceName).MaxPixels);
        var timeline = new HlsTimeline(probe.DurationSeconds, _options.Hls.SegmentSeconds, probe.FrameSeconds);
        return new HlsStream(source, probe, renditions, timeline, request.Quality, request.Audio && probe.AudioCodec is not null);
    }

    private Task<(CachedImage Image, string Tier)> SegmentAsync(HlsStream stream, HlsRendition rendition, int index, CancellationToken cancellationToken)
    {
        var start = stream.Timeline.Start(index);
        var input = index > 0 ? $"-ss {VideoService.Seconds(start)}" : "";
        var output = $"-filter_complex \"{ClipEncoding.Picture(stream.Probe, rendition.Geometry)}\" -map [v] {(stream.Audio ? "-map 0:a:0 " : "")}-t {VideoService.Seconds(stream.Timeline.Duration(index))} {HlsEncoding.Output(rendition, stream.Quality, stream.Audio, start)}";
        return _videos.RenderCachedAsync(stream.Source, $"hls;{input};{output}", SegmentType, (lease, ct) =>
            _ffmpeg.RenderAsync(lease, stream.Probe.Demuxer, VideoJob.Segment, input, output, ct), cancellationToken, (rendition.Geometry.Width, rendition.Geometry.Height));
    }

    private VideoOutput Text(ResolvedSource source, string text, string tier)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return _videos.Output(source, new CachedImage(bytes, HlsPlaylists.ContentType, CacheKey.ETagOf(bytes), _time.GetUtcNow(), 0, 0), tier);
    }

    /// <summary>One video as a stream: its source, probe, renditions and segments, and the encode settings every segment shares.</summary>
    private sealed record HlsStream(ResolvedSource Source, VideoProbe Probe, IReadOnlyList<HlsRendition> Renditions, HlsTimeline Timeline, int Quality, bool Audio)
    {
        public HlsRendition Rendition(int height) => Renditions.FirstOrDefault(r => r.Height == height)
            ?? throw new ProblemException(404, "no-such-rendition", "No such rendition",
                $"This video is streamed at {string.Join(", ", Renditions.Select(r => r.Height + "p"))}; {height}p is not one of them (the master playlist lists them).");
    }
}
