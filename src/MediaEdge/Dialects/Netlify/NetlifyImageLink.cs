namespace MediaEdge.Dialects.Netlify;

/// <summary>
/// Writes <c>/.netlify/images</c> URLs: imgix <c>w</c>, <c>h</c>, <c>fit</c> <c>clip</c>/<c>crop</c>/<c>scale</c>, a
/// single-side <c>crop</c>, <c>q</c> (always: Netlify sets 75 where none is given) and <c>fm</c> or <c>auto=format</c>.
/// </summary>
internal static class NetlifyImageLink
{
    private static readonly string[] Formats = ["avif", "webp", "jpg", "png", "gif"];
    private static readonly string[] Positions = ["center", "top", "bottom", "left", "right"];

    /// <summary>The link of <paramref name="request"/>, or why Netlify cannot ask for it.</summary>
    public static DialectLink Write(string dialect, LinkRequest request)
    {
        DialectLink Refused(string reason) => DialectLink.Refused(dialect, reason);
        if (request.Outside("w", "h", "fit", "crop", "q", "fm", "auto") is { } other)
        {
            return Refused($"Netlify Image CDN has no parameter for {other}.");
        }

        if (request.RelativeUrl is not { } url)
        {
            return Refused("Netlify " + request.NoRelativeUrl);
        }

        var query = new List<string> { "url=" + Uri.EscapeDataString(url) };
        foreach (var side in (string[])["w", "h"])
        {
            if (request[side] is { } value)
            {
                if (!LinkRequest.Whole(value, 1, int.MaxValue, out var pixels))
                {
                    return Refused($"Netlify's {side} is whole pixels, not '{value}'.");
                }

                query.Add($"{side}={pixels}");
            }
        }

        var fit = request["fit"];
        switch (fit)
        {
            case null or "clip":
                break;
            case "crop":
                query.Add("fit=cover");
                break;
            case "scale":
                query.Add("fit=fill");
                break;
            default:
                return Refused($"Netlify fits only as contain (fit=clip), cover (fit=crop) or fill (fit=scale), not fit={fit}.");
        }

        if (request["crop"] is { } crop)
        {
            if (fit != "crop" || !Positions.Contains(crop))
            {
                return Refused("Netlify's position is one of center, top, bottom, left, right, with fit=crop only.");
            }

            query.Add("position=" + crop);
        }

        if (request["fm"] is { } fm)
        {
            if (!Formats.Contains(fm) || request["auto"] is not null)
            {
                return Refused($"Netlify's fm is one of {string.Join(", ", Formats)}, without auto.");
            }

            query.Add("fm=" + fm);
        }
        else if (request["auto"] != "format")
        {
            return Refused("without fm, Netlify picks the format by Accept, which is auto=format; set fm or auto=format.");
        }

        if (!LinkRequest.Whole(request["q"], 1, 100, out var quality))
        {
            return Refused("q (1–100) is required: Netlify sets 75 where none is given, while imgix's default depends on the format.");
        }

        query.Add($"q={quality}");
        var link = "/.netlify/images?" + string.Join('&', query);
        return request.Sign(link) == link
            ? DialectLink.To(dialect, link)
            : Refused($"Netlify refuses any parameter it does not know, so its URL cannot carry the signature source '{request.Source}' requires.");
    }
}
