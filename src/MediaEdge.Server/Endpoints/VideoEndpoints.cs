using System.Globalization;
using MediaEdge.Negotiation;
using MediaEdge.Pipeline;
using MediaEdge.Requests;
using MediaEdge.Security;
using MediaEdge.Server.Tenancy;
using MediaEdge.Video;
using MediaEdge.Video.Streaming;
using MediaEdge.Video.Transcode;

namespace MediaEdge.Server.Endpoints;

/// <summary>
/// GET/HEAD /video/{source}/{key}/thumbnail.{jpg,png,webp}, animated.{gif,webp}, storyboard.{jpg,webp,vtt,json}, video.{mp4,webm},
/// and HLS: hls/master.m3u8, hls/{height}p/index.m3u8, hls/{height}p/{n}.ts.
/// Thumbnails go through the image pipeline (every image parameter applies); the rest come straight from ffmpeg. Every one
/// answers byte ranges (single, multipart/byteranges, If-Range).
/// </summary>
public static class VideoEndpoints
{
    public static void MapVideoEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/video/{source}/{**path}", [HttpMethods.Get, HttpMethods.Head], HandleAsync);
    }

    private static async Task HandleAsync(HttpContext context, string source, string? path, ImageService images, VideoService videos, HlsService hls, UrlSignature signature, SourceAdmission admission, MediaEdgeOptions options)
    {
        var request = context.Request;
        admission.Admit(context, context.RawTarget(), source);
        var query = request.QueryPairs();
        if (HlsPath.TryParse(path, out var stream))
        {
            await WriteAsync(context, await StreamAsync(context, source, stream, HlsRequest.Parse(query), hls, signature), options);
            return;
        }

        var (key, operation, extension) = Split(path);

        switch (operation, extension)
        {
            case ("thumbnail", "jpg" or "png" or "webp" or "avif"):
                var frame = new VideoFrame(Time(query));
                var hints = ClientHints.Read(name => request.Headers.TryGetValue(name, out var v) ? v.ToString() : null);
                var format = extension switch { "jpg" => OutputFormat.Jpeg, "png" => OutputFormat.Png, "webp" => OutputFormat.Webp, _ => OutputFormat.Avif };
                var result = await images.GetAsync(new ImageRequest(source, key, query, request.Headers.Accept.ToString(), hints) { Frame = frame, Format = format }, context.RequestAborted);
                await ImageEndpoints.WriteAsync(context, result, options, ranges: true);
                return;
            case ("animated", "gif" or "webp"):
                var animated = await videos.AnimatedAsync(source, key, AnimatedRequest.Parse(extension, query, options.Video), context.RequestAborted);
                await WriteAsync(context, animated, options);
                return;
            case ("storyboard", "jpg" or "webp" or "vtt" or "json"):
                var self = request.PathBase + request.Path.Value![..request.Path.Value!.LastIndexOf('.')];
                var storyboard = await videos.StoryboardAsync(source, key, StoryboardRequest.Parse(extension, query), self.Split('/')[^1], context.RequestAborted);
                await WriteAsync(context, storyboard, options);
                return;
            case ("video", "mp4" or "webm"):
                var clip = await videos.ClipAsync(source, key, ClipRequest.Parse(extension, query), context.RequestAborted);
                await WriteAsync(context, clip, options);
                return;
            default:
                throw Problems.BadKey(path ?? "", "A video URL ends in /thumbnail.{jpg,png,webp}, /animated.{gif,webp}, /storyboard.{jpg,webp,vtt,json}, /video.{mp4,webm} or /hls/master.m3u8.");
        }
    }

    private static Task<VideoOutput> StreamAsync(HttpContext context, string source, HlsPath path, HlsRequest request, HlsService hls, UrlSignature signature)
    {
        if (path.IsMaster)
        {
            return hls.MasterAsync(source, path.Key, request, Links(context, source, signature), context.RequestAborted);
        }

        return path.Segment is { } index
            ? hls.SegmentAsync(source, path.Key, path.Height!.Value, index, request, context.RequestAborted)
            : hls.MediaAsync(source, path.Key, path.Height!.Value, request, Links(context, source, signature));
    }

    // The links are made from the target as sent (still percent-encoded), so each signature covers exactly what the player will send.
    private static HlsLinks Links(HttpContext context, string source, UrlSignature signature)
    {
        var target = context.RawTarget();
        var queryAt = target.IndexOf('?');
        var path = queryAt < 0 ? target : target[..queryAt];
        var query = queryAt < 0 ? "" : UrlSignature.WithoutSignature(target[queryAt..]);
        return new HlsLinks(path[..(path.LastIndexOf("/hls/", StringComparison.Ordinal) + 5)], query, url => signature.SignLike(url, source));
    }

    private static (string Key, string Operation, string Extension) Split(string? path)
    {
        var slash = path?.LastIndexOf('/') ?? -1;
        var last = slash < 0 ? path ?? "" : path![(slash + 1)..];
        var dot = last.LastIndexOf('.');
        if (slash <= 0 || dot <= 0)
        {
            throw Problems.BadKey(path ?? "", "A video URL is /video/{source}/{key}/{thumbnail|animated|storyboard|video}.{extension}.");
        }

        return (path![..slash], last[..dot], last[(dot + 1)..].ToLowerInvariant());
    }

    private static double? Time(IReadOnlyList<KeyValuePair<string, string>> query)
    {
        var text = query.LastOrDefault(p => p.Key == "time").Value;
        if (text is null)
        {
            return null;
        }

        return double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds) && seconds >= 0
            ? seconds
            : throw Problems.BadParameter("time", $"time must be a position in seconds, 0 or more (like 12.5); got '{text}'.");
    }

    // Every video output takes byte ranges: players and scrubbers fetch clips, previews and sprites by ranges.
    private static Task WriteAsync(HttpContext context, VideoOutput result, MediaEdgeOptions options) =>
        VariantResponse.WriteAsync(context, result.Image, result.MaxAgeSeconds, options.Cache, "cache;desc=" + (result.Stale ? "stale" : result.Tier), ranges: true);
}
