using System.Globalization;
using MediaEdge.Requests;

namespace MediaEdge.Dialects.Netlify;

/// <summary>
/// Netlify Image CDN's URLs, <c>/.netlify/images?url=&amp;w=&amp;h=&amp;fit=&amp;position=&amp;fm=&amp;q=</c>
/// (docs.netlify.com/image-cdn/overview): <c>url</c> required; <c>fit</c> <c>contain</c> (the default: within w × h, aspect
/// kept; imgix <c>fit=clip</c>), <c>cover</c> (fills w × h, cropped at <c>position</c>; <c>fit=crop</c>) or <c>fill</c>
/// (stretched; <c>fit=scale</c>); <c>fm</c> avif, webp, jpg, png or gif, else the format is negotiated by <c>Accept</c>;
/// <c>q</c> 1–100, 75 by default. <c>fm=blurhash</c> (a text answer) is refused.
/// </summary>
public sealed class NetlifyImageDialect : IUrlDialect
{
    /// <summary>Netlify's default quality.</summary>
    private const string DefaultQuality = "75";

    public string Name => "netlify";

    public string Route => "/.netlify/images";

    public DialectLink Link(LinkRequest request) => NetlifyImageLink.Write(Name, request);

    public DialectRequest Translate(IReadOnlyDictionary<string, string?> routeValues, IReadOnlyList<KeyValuePair<string, string>> query, SourceUrls sources)
    {
        string? url = null;
        var imgix = new List<KeyValuePair<string, string>>();
        string? fit = null;
        string? position = null;
        string? quality = null;
        var format = false;
        foreach (var (name, value) in query)
        {
            switch (name)
            {
                case "url":
                    url = value;
                    break;
                case "w" or "h":
                    imgix.Add(new(name, Dimension(name, value)));
                    break;
                case "fit":
                    fit = value;
                    break;
                case "position":
                    position = value;
                    break;
                case "fm":
                    imgix.Add(new("fm", Format(value)));
                    format = true;
                    break;
                case "q":
                    quality = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var q) && q is >= 1 and <= 100
                        ? value
                        : throw Problems.BadParameter("q", $"q must be an integer from 1 to 100; got '{value}'.");
                    break;
                default:
                    throw Problems.BadParameter(name, $"'{name}' is not a Netlify Image CDN parameter (url, w, h, fit, position, fm, q).");
            }
        }

        if (string.IsNullOrEmpty(url))
        {
            throw Problems.BadParameter("url", "url is required: the path or URL of the source image.");
        }

        imgix.Add(new("fit", Fit(fit)));
        if (position is not null)
        {
            imgix.Add(new("crop", fit == "cover" ? Position(position) : throw Problems.BadParameter("position", "position applies only with fit=cover.")));
        }

        imgix.Add(new("q", quality ?? DefaultQuality));
        if (!format)
        {
            imgix.Add(new("auto", "format"));
        }

        var (source, key) = sources.Resolve("url", url);
        return new DialectRequest(source, key, imgix);
    }

    private static string Dimension(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var pixels) && pixels > 0
            ? value
            : throw Problems.BadParameter(name, $"{name} must be a whole number of pixels greater than 0; got '{value}'.");

    private static string Fit(string? fit) => fit switch
    {
        null or "contain" => "clip",
        "cover" => "crop",
        "fill" => "scale",
        _ => throw Problems.BadParameter("fit", $"fit must be contain, cover or fill; got '{fit}'."),
    };

    private static string Position(string position) => position switch
    {
        "center" => "center",
        "top" or "bottom" or "left" or "right" => position,
        _ => throw Problems.BadParameter("position", $"position must be center, top, bottom, left or right; got '{position}'."),
    };

    private static string Format(string fm) => fm switch
    {
        "avif" or "webp" or "jpg" or "png" or "gif" => fm,
        "blurhash" => throw Problems.BadParameter("fm", "fm=blurhash (a BlurHash text instead of an image) is not produced by MediaEdge."),
        _ => throw Problems.BadParameter("fm", $"fm must be avif, webp, jpg, png or gif; got '{fm}'."),
    };
}
