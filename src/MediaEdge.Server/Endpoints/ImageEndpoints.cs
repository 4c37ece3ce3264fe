using System.Globalization;
using System.Text;
using MediaEdge.Diagnostics;
using MediaEdge.Imaging;
using MediaEdge.Negotiation;
using MediaEdge.Pipeline;
using MediaEdge.Server.Tenancy;

namespace MediaEdge.Server.Endpoints;

/// <summary>GET/HEAD /img/{source}/{key}: the HTTP edge of <see cref="ImageService"/>.</summary>
public static class ImageEndpoints
{
    public static void MapImageEndpoints(this IEndpointRouteBuilder app)
    {
        // Singletons, taken once here: a request then opens no DI scope of its own (the L1 hit path, issue 13).
        var services = app.ServiceProvider;
        var images = services.GetRequiredService<ImageService>();
        var admission = services.GetRequiredService<SourceAdmission>();
        var options = services.GetRequiredService<MediaEdgeOptions>();
        var metrics = services.GetRequiredService<MediaEdgeMetrics>();
        app.MapMethods("/img/{source}/{**key}", [HttpMethods.Get, HttpMethods.Head], (HttpContext context, string source, string? key) => HandleAsync(context, source, key, images, admission, options, metrics));
    }

    private static async Task HandleAsync(HttpContext context, string source, string? key, ImageService images, SourceAdmission admission, MediaEdgeOptions options, MediaEdgeMetrics metrics)
    {
        var target = context.RawTarget();
        admission.Admit(context, target, source);
        await AnswerAsync(context, target, source, key ?? string.Empty, context.Request.QueryPairs(), images, options, metrics);
    }

    /// <summary>
    /// Answers an image request of <paramref name="source"/> and <paramref name="key"/> with imgix parameters
    /// <paramref name="query"/>, whatever URL syntax it came in (<c>/img/</c> or a dialect). A form answered before, still
    /// fresh and in L1, skips parsing, negotiation and key hashing.
    /// </summary>
    internal static async Task AnswerAsync(HttpContext context, string target, string source, string key, IReadOnlyList<KeyValuePair<string, string>> query, ImageService images, MediaEdgeOptions options, MediaEdgeMetrics metrics)
    {
        var headers = context.Request.Headers;
        var accept = headers.Accept.ToString();
        string? Header(string name) => headers.TryGetValue(name, out var value) ? value.ToString() : null;
        var form = RequestForms.Of(target, accept, Header);
        var result = await images.GetRememberedAsync(form)
            ?? await images.GetAsync(new ImageRequest(source, key, query, accept, ClientHints.Read(Header)) { Form = form }, context.RequestAborted);
        await WriteAsync(context, result, options, metrics);
    }

    /// <summary>Writes a variant with its caching headers; a matching If-None-Match gets 304 with the same headers; <paramref name="ranges"/> as in <see cref="VariantResponse"/>.</summary>
    internal static Task WriteAsync(HttpContext context, ImageResult result, MediaEdgeOptions options, bool ranges = false) =>
        WriteAsync(context, result, options, context.RequestServices.GetRequiredService<MediaEdgeMetrics>(), ranges);

    /// <summary>As <see cref="WriteAsync(HttpContext, ImageResult, MediaEdgeOptions, bool)"/>, counting bytes saved in <paramref name="metrics"/>.</summary>
    internal static async Task WriteAsync(HttpContext context, ImageResult result, MediaEdgeOptions options, MediaEdgeMetrics metrics, bool ranges = false)
    {
        var sent = await VariantResponse.WriteAsync(context, result.Image, result.MaxAgeSeconds, options.Cache, ServerTiming(result), headers =>
        {
            if (result.Vary.Count > 0)
            {
                headers.Vary = string.Join(", ", result.Vary);
            }

            headers["Accept-CH"] = ClientHints.AcceptCh;
        }, ranges);
        if (sent && result.SourceBytes > 0)
        {
            metrics.Saved(result.SourceBytes - result.Image.Bytes.Length);
            if (!HttpMethods.IsHead(context.Request.Method))
            {
                // From the request's feature, not RequestServices: a request on the L1 hit path opens no DI scope (issue 13).
                context.Features.Get<SourceFeature>()?.Saved(result.SourceBytes - result.Image.Bytes.Length);
            }
        }
    }

    private const string HitL1Timing = "cache;desc=hit-l1";

    private static string ServerTiming(ImageResult result)
    {
        if (result.OriginMilliseconds is null && result.TransformMilliseconds is null && result.Tier == "hit-l1")
        {
            return HitL1Timing;
        }

        var b = new StringBuilder("cache;desc=").Append(result.Tier);
        if (result.OriginMilliseconds is { } origin)
        {
            b.Append(", origin;dur=").Append(origin.ToString("0.0", CultureInfo.InvariantCulture));
        }

        if (result.TransformMilliseconds is { } transform)
        {
            b.Append(result.Ladder switch
            {
                LadderUse.Same => ", transform;desc=ladder-same;dur=",
                LadderUse.Larger => ", transform;desc=ladder-larger;dur=",
                _ => ", transform;dur=",
            }).Append(transform.ToString("0.0", CultureInfo.InvariantCulture));
        }

        return b.ToString();
    }
}
