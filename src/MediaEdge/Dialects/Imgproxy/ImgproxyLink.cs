using System.Buffers.Text;
using System.Globalization;

namespace MediaEdge.Dialects.Imgproxy;

/// <summary>
/// Writes imgproxy processing URLs, <c>/imgproxy/{signature}/{options}/plain/local:///{key}@{format}</c>, signed with
/// imgproxy's key and salt where they are set: the inverse of <see cref="ImgproxyProcessingOptions.ToImgix"/> for
/// imgix <c>w</c>, <c>h</c>, <c>fit</c> (all but <c>fill</c> and <c>fillmax</c>), compass or focal-point <c>crop</c>,
/// <c>dpr</c>, <c>q</c>, <c>fm</c> or <c>auto=format</c>, <c>bg</c>, <c>blur</c>, <c>sharp</c>, quarter-turn <c>rot</c> and <c>flip</c>.
/// </summary>
internal static class ImgproxyLink
{
    private static readonly Dictionary<string, string> Fits = new(StringComparer.Ordinal)
    {
        ["clip"] = "fit:{0}:{1}:1",
        ["max"] = "fit:{0}:{1}",
        ["crop"] = "fill:{0}:{1}:1",
        ["min"] = "fill:{0}:{1}",
        ["scale"] = "force:{0}:{1}",
    };

    private static readonly Dictionary<string, string> Compass = new(StringComparer.Ordinal)
    {
        ["top"] = "no",
        ["bottom"] = "so",
        ["left"] = "we",
        ["right"] = "ea",
        ["top,left"] = "nowe",
        ["left,top"] = "nowe",
        ["top,right"] = "noea",
        ["right,top"] = "noea",
        ["bottom,left"] = "sowe",
        ["left,bottom"] = "sowe",
        ["bottom,right"] = "soea",
        ["right,bottom"] = "soea",
    };

    private static readonly string[] Formats = ["jpg", "png", "webp", "avif", "gif"];

    /// <summary>The link of <paramref name="request"/> signed by <paramref name="signature"/>, or why imgproxy cannot ask for it.</summary>
    public static DialectLink Write(string dialect, LinkRequest request, ImgproxySignature signature)
    {
        DialectLink Refused(string reason) => DialectLink.Refused(dialect, reason);
        if (request.Outside("w", "h", "fit", "crop", "fp-x", "fp-y", "dpr", "q", "fm", "auto", "bg", "blur", "sharp", "rot", "flip") is { } other)
        {
            return Refused($"imgproxy has no option MediaEdge maps onto {other}.");
        }

        if (request.Source != request.Sources.DefaultSource)
        {
            return Refused($"local:/// reads the source '{request.Sources.DefaultSource}' (MediaEdge:Dialects:DefaultSource), not '{request.Source}'.");
        }

        var options = new List<string>();
        var (w, h) = (request["w"], request["h"]);
        var width = 0;
        var height = 0;
        if ((w is not null && !LinkRequest.Whole(w, 1, int.MaxValue, out width)) || (h is not null && !LinkRequest.Whole(h, 1, int.MaxValue, out height)))
        {
            return Refused("imgproxy's width and height are whole pixels, not ratios.");
        }

        var fit = request["fit"];
        if (width > 0 || height > 0)
        {
            if (!Fits.TryGetValue(fit ?? "clip", out var resize))
            {
                return Refused($"imgproxy has no resizing type for fit={fit}.");
            }

            options.Add("rs:" + string.Format(CultureInfo.InvariantCulture, resize, width, height));
        }
        else if (fit is not null)
        {
            return Refused("imgproxy's resizing type needs a width or height.");
        }

        var crop = request["crop"];
        var (x, y) = (request["fp-x"], request["fp-y"]);
        if (crop is not (null or "center") || x is not null || y is not null)
        {
            if (fit is not ("crop" or "min"))
            {
                return Refused("imgproxy's gravity crops only with fit=crop or fit=min.");
            }

            if (crop == "focalpoint" && x is not null && y is not null)
            {
                options.Add($"g:fp:{x}:{y}");
            }
            else if (crop is not null && Compass.TryGetValue(crop, out var gravity) && x is null && y is null)
            {
                options.Add("g:" + gravity);
            }
            else
            {
                return Refused($"imgproxy's gravity is a side, a corner or fp:x:y, not crop={crop}.");
            }
        }

        if (!request.TryPositive("dpr", out var dpr) || !request.TryQuality(out var quality) || !request.TryOpaqueColour(out var bg))
        {
            return Refused("imgproxy's dpr is a number above 0, its quality a whole number from 1 to 100 and its background RGB or RRGGBB hex.");
        }

        foreach (var (option, value) in (ReadOnlySpan<(string, object?)>)[("dpr", dpr), ("q", quality), ("bg", bg)])
        {
            if (value is not null)
            {
                options.Add(string.Create(CultureInfo.InvariantCulture, $"{option}:{value}"));
            }
        }

        if (request["blur"] is { } blur and not "0")
        {
            if (!LinkRequest.Whole(blur, 1, 2000, out var tenths))
            {
                return Refused($"imgproxy's blur is a sigma, so imgix blur must be a whole number from 0 to 2000, not '{blur}'.");
            }

            options.Add("bl:" + (tenths / 10m).ToString("0.#", CultureInfo.InvariantCulture));
        }

        if (request["sharp"] is { } sharp and not "0")
        {
            if (!LinkRequest.Whole(sharp, 1, 100, out var amount))
            {
                return Refused($"imgproxy's sharpen is a sigma, so imgix sharp must be a whole number from 0 to 100, not '{sharp}'.");
            }

            // MediaEdge's sharp runs sigma 0.3 + 0.027 × sharp, as ImgproxyProcessingOptions reads it back.
            options.Add("sh:" + (0.3m + (0.027m * amount)).ToString("0.###", CultureInfo.InvariantCulture));
        }

        var rot = request["rot"] ?? "0";
        if (rot is not ("0" or "90" or "180" or "270"))
        {
            return Refused($"imgproxy rotates by multiples of 90 only, not rot={rot}.");
        }

        if (rot != "0")
        {
            options.Add("rot:" + rot);
        }

        if (request["flip"] is { } flip)
        {
            if (flip is not ("h" or "v" or "hv"))
            {
                return Refused($"flip is h, v or hv, not '{flip}'.");
            }

            // imgproxy rotates and then flips, MediaEdge flips and then rotates: a quarter turn swaps the axes.
            var (horizontal, vertical) = (flip.Contains('h'), flip.Contains('v'));
            if (rot is "90" or "270")
            {
                (horizontal, vertical) = (vertical, horizontal);
            }

            options.Add($"fl:{(horizontal ? 1 : 0)}:{(vertical ? 1 : 0)}");
        }

        var extension = "";
        if (request["fm"] is { } fm)
        {
            if (!Formats.Contains(fm) || request["auto"] is not null)
            {
                return Refused($"imgproxy's format is one of {string.Join(", ", Formats)}, without auto.");
            }

            extension = "@" + fm;
        }
        else if (request["auto"] != "format")
        {
            return Refused("without a format, MediaEdge's imgproxy picks it by Accept, which is auto=format; set fm or auto=format.");
        }

        var path = (options.Count > 0 ? "/" + string.Join('/', options) : "") + "/plain/local:///" + request.EscapedKey + extension;
        var signed = signature.Enabled ? Base64Url.EncodeToString(signature.Of(path)) : "insecure";
        return DialectLink.To(dialect, request.Sign("/imgproxy/" + signed + path));
    }
}
