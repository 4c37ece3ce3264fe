using System.Globalization;
using MediaEdge.Requests;

namespace MediaEdge.Dialects.Cloudflare;

/// <summary>
/// Cloudflare's image transformation URLs, <c>/cdn-cgi/image/{options}/{source}</c>
/// (developers.cloudflare.com/images/transform-images/transform-via-url): options are <c>name=value</c> separated by
/// commas, at least one; the source is a path or an absolute URL, not encoded. Mapped: <c>width</c>/<c>w</c>,
/// <c>height</c>/<c>h</c>, <c>dpr</c>, <c>quality</c>/<c>q</c>, <c>format</c>/<c>f</c> (<c>auto</c> negotiates),
/// <c>fit</c> (<c>scale-down</c> → imgix <c>max</c>, <c>contain</c> → <c>clip</c>, <c>cover</c> → <c>crop</c>,
/// <c>pad</c> → <c>fill</c>, <c>squeeze</c> → <c>scale</c>), <c>gravity</c>/<c>g</c> (a side or <c>XxY</c>),
/// <c>background</c> (hex), <c>rotate</c>, <c>metadata=none</c>. Anything else is a 400 naming the option.
/// </summary>
public sealed class CloudflareImageDialect : IUrlDialect
{
    public string Name => "cloudflare";

    public string Route => "/cdn-cgi/image/{options}/{**source}";

    public DialectLink Link(LinkRequest request) => CloudflareImageLink.Write(Name, request);

    public DialectRequest Translate(IReadOnlyDictionary<string, string?> routeValues, IReadOnlyList<KeyValuePair<string, string>> query, SourceUrls sources)
    {
        var options = routeValues.GetValueOrDefault("options");
        var source = routeValues.GetValueOrDefault("source");
        if (string.IsNullOrEmpty(source))
        {
            throw Problems.BadParameter("source", "The source image is missing: /cdn-cgi/image/{options}/{source}.");
        }

        var imgix = new List<KeyValuePair<string, string>>();
        var negotiate = false;
        var fit = "clip";
        var given = 0;
        foreach (var option in (options ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            given++;
            var eq = option.IndexOf('=');
            var (name, value) = eq < 0 ? (option, "") : (option[..eq], option[(eq + 1)..]);
            switch (name)
            {
                case "width" or "w":
                    imgix.Add(new("w", Whole(name, value, 1, int.MaxValue)));
                    break;
                case "height" or "h":
                    imgix.Add(new("h", Whole(name, value, 1, int.MaxValue)));
                    break;
                case "dpr":
                    imgix.Add(new("dpr", double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var dpr) && dpr > 0 ? value : throw Problems.BadParameter(name, $"dpr must be a number greater than 0; got '{value}'.")));
                    break;
                case "quality" or "q":
                    imgix.Add(new("q", Whole(name, value, 1, 100)));
                    break;
                case "format" or "f":
                    if (value == "auto")
                    {
                        negotiate = true;
                    }
                    else
                    {
                        imgix.Add(new("fm", Format(name, value)));
                    }

                    break;
                case "fit":
                    fit = Fit(value);
                    break;
                case "gravity" or "g":
                    imgix.AddRange(Gravity(name, value));
                    break;
                case "background":
                    imgix.Add(new("bg", value.StartsWith('#') && value.Length is 4 or 7 && value[1..].All(char.IsAsciiHexDigit) ? value[1..] : throw Problems.BadParameter(name, $"background must be a hex colour like #fff or #ff8800 (URL-encoded as %23); got '{value}'.")));
                    break;
                case "rotate":
                    imgix.Add(new("rot", value is "0" or "90" or "180" or "270" ? value : throw Problems.BadParameter(name, $"rotate must be 90, 180 or 270; got '{value}'.")));
                    break;
                case "metadata":
                    // MediaEdge strips every output's metadata: only "none" is what it does.
                    _ = value == "none" ? 0 : throw Problems.BadParameter(name, $"metadata={value} is not kept: MediaEdge strips all metadata (metadata=none).");
                    break;
                default:
                    throw Problems.BadParameter(name, $"'{name}' is not a Cloudflare option MediaEdge maps (width, height, dpr, quality, format, fit, gravity, background, rotate, metadata=none).");
            }
        }

        if (given == 0)
        {
            throw Problems.BadParameter("options", "At least one option is required, as on Cloudflare (for example width=800).");
        }

        imgix.Add(new("fit", fit));
        if (negotiate)
        {
            imgix.Add(new("auto", "format"));
        }

        var (sourceName, key) = sources.Resolve("source", source.StartsWith("http://", StringComparison.Ordinal) || source.StartsWith("https://", StringComparison.Ordinal) ? source : "/" + source);
        return new DialectRequest(sourceName, key, imgix);
    }

    private static string Whole(string name, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? value
            : throw Problems.BadParameter(name, $"{name} must be a whole number from {min}{(max == int.MaxValue ? " up" : $" to {max}")}; got '{value}'.");

    private static string Format(string name, string value) => value switch
    {
        "avif" or "webp" or "png" => value,
        "jpeg" => "jpg",
        _ => throw Problems.BadParameter(name, $"format must be auto, avif, webp, jpeg or png; got '{value}' (baseline-jpeg and json are not produced)."),
    };

    private static string Fit(string value) => value switch
    {
        "scale-down" => "max",
        "contain" => "clip",
        "cover" => "crop",
        "pad" => "fill",
        "squeeze" => "scale",
        "crop" => throw Problems.BadParameter("fit", "fit=crop (shrink and crop, never enlarge) has no MediaEdge equivalent; use cover (which enlarges) or scale-down."),
        _ => throw Problems.BadParameter("fit", $"fit must be scale-down, contain, cover, pad or squeeze; got '{value}'."),
    };

    private static IEnumerable<KeyValuePair<string, string>> Gravity(string name, string value)
    {
        if (value is "left" or "right" or "top" or "bottom")
        {
            return [new("crop", value)];
        }

        var x = value.IndexOf('x');
        if (x > 0
            && double.TryParse(value[..x], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var fx) && fx is >= 0 and <= 1
            && double.TryParse(value[(x + 1)..], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var fy) && fy is >= 0 and <= 1)
        {
            return [new("crop", "focalpoint"), new("fp-x", value[..x]), new("fp-y", value[(x + 1)..])];
        }

        throw Problems.BadParameter(name, value is "auto" or "face"
            ? $"gravity={value} needs saliency or face detection, which MediaEdge does not have; give a side or a point (0.5x0.3)."
            : $"gravity must be left, right, top, bottom or a point XxY with X and Y from 0 to 1; got '{value}'.");
    }
}
