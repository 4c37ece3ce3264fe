namespace MediaEdge.Dialects.Cloudflare;

/// <summary>
/// Writes <c>/cdn-cgi/image/{options}/{path}</c> URLs: imgix <c>w</c>, <c>h</c>, <c>dpr</c>, <c>q</c>, <c>fm</c> or
/// <c>auto=format</c>, <c>fit</c> (all but <c>min</c> and <c>fillmax</c>), a side or focal point as <c>crop</c>, a
/// 3- or 6-digit <c>bg</c> and quarter-turn <c>rot</c>.
/// </summary>
internal static class CloudflareImageLink
{
    private static readonly Dictionary<string, string> Fits = new(StringComparer.Ordinal)
    {
        ["max"] = "scale-down",
        ["crop"] = "cover",
        ["fill"] = "pad",
        ["scale"] = "squeeze",
    };

    private static readonly Dictionary<string, string> Formats = new(StringComparer.Ordinal)
    {
        ["avif"] = "avif",
        ["webp"] = "webp",
        ["png"] = "png",
        ["jpg"] = "jpeg",
    };

    /// <summary>The link of <paramref name="request"/>, or why Cloudflare cannot ask for it.</summary>
    public static DialectLink Write(string dialect, LinkRequest request)
    {
        DialectLink Refused(string reason) => DialectLink.Refused(dialect, reason);
        if (request.Outside("w", "h", "dpr", "q", "fm", "auto", "fit", "crop", "fp-x", "fp-y", "bg", "rot") is { } other)
        {
            return Refused($"Cloudflare has no option MediaEdge maps onto {other}.");
        }

        if (request.RelativeUrl is null)
        {
            return Refused("Cloudflare " + request.NoRelativeUrl);
        }

        var options = new List<string>();
        foreach (var (imgix, name) in (ReadOnlySpan<(string, string)>)[("w", "width"), ("h", "height")])
        {
            if (request[imgix] is { } value)
            {
                if (!LinkRequest.Whole(value, 1, int.MaxValue, out var pixels))
                {
                    return Refused($"Cloudflare's {name} is whole pixels, not '{value}'.");
                }

                options.Add($"{name}={pixels}");
            }
        }

        if (!request.TryPositive("dpr", out var dpr) || !request.TryQuality(out var quality))
        {
            return Refused("Cloudflare's dpr is a number above 0 and its quality a whole number from 1 to 100.");
        }

        if (dpr is not null)
        {
            options.Add("dpr=" + dpr);
        }

        if (quality is not null)
        {
            options.Add($"quality={quality}");
        }

        if (request["fm"] is { } fm)
        {
            if (!Formats.TryGetValue(fm, out var format) || request["auto"] is not null)
            {
                return Refused("Cloudflare's format is avif, webp, png or jpeg (fm=jpg), without auto.");
            }

            options.Add("format=" + format);
        }
        else if (request["auto"] is { } auto)
        {
            if (auto != "format")
            {
                return Refused($"Cloudflare has format=auto (auto=format) only, not auto={auto}.");
            }

            options.Add("format=auto");
        }

        var fit = request["fit"];
        if (fit is not (null or "clip"))
        {
            if (!Fits.TryGetValue(fit, out var cloudflareFit))
            {
                return Refused($"Cloudflare has no fit for fit={fit}.");
            }

            options.Add("fit=" + cloudflareFit);
        }

        if (Gravity(request, fit) is { } gravity)
        {
            if (gravity.Length == 0)
            {
                return Refused("Cloudflare's gravity is one side (crop=top, bottom, left or right) or crop=focalpoint with fp-x and fp-y, with fit=crop.");
            }

            options.Add("gravity=" + gravity);
        }

        if (!request.TryOpaqueColour(out var bg))
        {
            return Refused($"Cloudflare's background is #RGB or #RRGGBB, not bg={request["bg"]}.");
        }

        if (bg is not null)
        {
            options.Add("background=%23" + bg);
        }

        if (request["rot"] is { } rot and not "0")
        {
            if (rot is not ("90" or "180" or "270"))
            {
                return Refused($"Cloudflare rotates by 90, 180 or 270 only, not rot={rot}.");
            }

            options.Add("rotate=" + rot);
        }

        if (options.Count == 0)
        {
            // Cloudflare needs one option; metadata=none is what MediaEdge does anyway.
            options.Add("metadata=none");
        }

        return DialectLink.To(dialect, request.Sign($"/cdn-cgi/image/{string.Join(',', options)}/{request.EscapedKey}"));
    }

    // Null for no gravity, empty where the crop cannot be said.
    private static string? Gravity(LinkRequest request, string? fit)
    {
        var crop = request["crop"];
        var (x, y) = (request["fp-x"], request["fp-y"]);
        if (crop is null or "center" && x is null && y is null)
        {
            return null;
        }

        return fit != "crop" ? ""
            : crop is "top" or "bottom" or "left" or "right" && x is null && y is null ? crop
            : crop == "focalpoint" && x is not null && y is not null ? $"{x}x{y}"
            : "";
    }
}
