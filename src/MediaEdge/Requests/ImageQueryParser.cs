using System.Globalization;

namespace MediaEdge.Requests;

/// <summary>
/// Turns a request's query into <see cref="ImageParameters"/>: the one dialect table of the imgix URL API.
/// Unknown parameters are ignored; a known one out of range or malformed is a 400 naming it.
/// </summary>
public sealed class ImageQueryParser
{
    /// <summary>
    /// The largest <c>w</c> or <c>h</c> in pixels a URL may ask for. imgix takes any width and scales an output past its
    /// 8192×8192 maximum down to fit (https://docs.imgix.com/apis/rendering/size/image-width), as the planner does; this
    /// bound only keeps <c>w</c> × <c>dpr</c> well inside whole-pixel arithmetic.
    /// </summary>
    public const int MaxDimension = 65536;
    public const int MaxValueLength = 256;

    /// <summary>imgix's largest <c>dpr</c> (https://docs.imgix.com/apis/rendering/pixel-density).</summary>
    public const double MaxDpr = 5;

    private readonly IReadOnlyDictionary<string, string> _presets;

    public ImageQueryParser(IReadOnlyDictionary<string, string> presets)
    {
        _presets = presets;
    }

    /// <summary>The parameter names this parser understands, so the rest can be left out of cache keys.</summary>
    public static IReadOnlySet<string> KnownNames { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "w", "h", "dpr", "fit", "crop", "fp-x", "fp-y", "ar", "rect", "fm", "q", "auto", "bg", "blur", "sharp", "rot", "flip", "ch", "preset", "expires", "s",
    };

    public ImageParameters Parse(IEnumerable<KeyValuePair<string, string>> query, bool presetsOnly = false, string presetsOnlyKey = "Security:PresetsOnly")
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in query)
        {
            if (!KnownNames.Contains(name))
            {
                continue;
            }

            if (name == "auto" && values.TryGetValue("auto", out var earlier))
            {
                // imgix lets auto alone repeat: auto=compress&auto=format.
                values["auto"] = earlier + "," + value;
            }
            else if (!values.TryAdd(name, value))
            {
                throw Problems.BadParameter(name, $"'{name}' appears more than once; give it once.");
            }

            if (value.Length > MaxValueLength)
            {
                throw Problems.BadParameter(name, $"'{name}' is {value.Length} characters long; the most is {MaxValueLength}.");
            }
        }

        if (presetsOnly)
        {
            var extra = values.Keys.FirstOrDefault(k => k is not ("preset" or "expires" or "s"));
            if (extra is not null)
            {
                throw Problems.BadParameter(extra, $"Only named presets are served here ({presetsOnlyKey}); remove '{extra}' and use ?preset=<name>.");
            }

            if (!values.ContainsKey("preset"))
            {
                throw Problems.BadParameter("preset", $"Only named presets are served here ({presetsOnlyKey}); add ?preset=<name>.");
            }
        }

        if (values.TryGetValue("preset", out var presetName))
        {
            if (!_presets.TryGetValue(presetName, out var presetQuery))
            {
                var known = _presets.Count == 0 ? "none are configured" : "known presets: " + string.Join(", ", _presets.Keys.Order(StringComparer.Ordinal));
                throw Problems.BadParameter("preset", $"No preset named '{presetName}' ({known}).");
            }

            var explicitAuto = values.ContainsKey("auto");
            foreach (var (name, value) in QueryText.Parse(presetQuery))
            {
                if (name == "auto" && !explicitAuto && values.TryGetValue("auto", out var earlier))
                {
                    // A preset is a query like any other: auto=compress&auto=format keeps both.
                    values["auto"] = earlier + "," + value;
                }
                else if (KnownNames.Contains(name) && name is not ("preset" or "s" or "expires"))
                {
                    values.TryAdd(name, value);
                }
            }
        }

        return Build(values);
    }

    private static ImageParameters Build(Dictionary<string, string> v)
    {
        var p = new ImageParameters
        {
            Width = Get(v, "w", s => ParseDimension("w", s)),
            Height = Get(v, "h", s => ParseDimension("h", s)),
            Dpr = Get(v, "dpr", ParseDpr),
            Fit = Get(v, "fit", ParseFit) ?? FitMode.Clip,
            Crop = Get(v, "crop", ParseCrop) ?? CropGravity.Center,
            FocalX = Get(v, "fp-x", s => ParseNumber("fp-x", s, 0, 1)),
            FocalY = Get(v, "fp-y", s => ParseNumber("fp-y", s, 0, 1)),
            AspectRatio = Get(v, "ar", ParseAspectRatio),
            Rect = Get(v, "rect", ParseRect),
            Format = Get(v, "fm", ParseFormat),
            Quality = Get(v, "q", s => ParseInteger("q", s, 1, 100)),
            Background = Get(v, "bg", ParseColor),
            Blur = Get(v, "blur", s => ParseInteger("blur", s, 0, 2000)) ?? 0,
            Sharpen = Get(v, "sharp", s => ParseInteger("sharp", s, 0, 100)) ?? 0,
            Rotate = Get(v, "rot", s => ParseInteger("rot", s, 0, 359)) ?? 0,
            Flip = Get(v, "flip", ParseFlip) ?? FlipMode.None,
            ClientHints = Get(v, "ch", ParseClientHints) ?? ClientHintSet.None,
            Preset = v.GetValueOrDefault("preset"),
            Expires = Get(v, "expires", s => ParseLong("expires", s)),
        };

        if (v.TryGetValue("auto", out var auto))
        {
            foreach (var part in SplitList(auto))
            {
                switch (part.ToLowerInvariant())
                {
                    case "format":
                        p = p with { AutoFormat = true };
                        break;
                    case "compress":
                        p = p with { AutoCompress = true };
                        break;
                    case "enhance":
                        throw Problems.BadParameter("auto", "auto=enhance (imgix's automatic colour and contrast correction) is not supported: MediaEdge has no enhancement model, and a silent no-op would serve a different image; remove it, or use auto=format,compress.");
                    default:
                        throw Problems.BadParameter("auto", $"auto takes a comma-separated list of 'format' and 'compress'; '{part}' is not supported.");
                }
            }
        }

        return p;
    }

    private static T? Get<T>(Dictionary<string, string> values, string name, Func<string, T> parse)
        where T : struct =>
        values.TryGetValue(name, out var s) ? parse(s.Trim()) : null;

    // Empty entries are kept so that they reach the caller's 400: "crop=" or "auto=format," is malformed, not a default.
    private static IEnumerable<string> SplitList(string value) =>
        value.Split(',', StringSplitOptions.TrimEntries);

    private static bool TryParseFinite(string s, out double value) =>
        double.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value)
        && double.IsFinite(value);

    private static Dimension ParseDimension(string name, string s)
    {
        if (!TryParseFinite(s, out var value) || value <= 0)
        {
            throw Problems.BadParameter(name, $"{name} must be a whole number of pixels from 1 to {MaxDimension} (an output past 8192 is scaled down to fit), or a ratio of the source between 0 and 1 (like 0.5); got '{s}'.");
        }

        if (s.Contains('.') && value <= 1)
        {
            return Dimension.Ratio(value);
        }

        if (value != Math.Floor(value) || value > MaxDimension)
        {
            throw Problems.BadParameter(name, $"{name} must be a whole number of pixels from 1 to {MaxDimension} (an output past 8192 is scaled down to fit), or a ratio of the source between 0 and 1 (like 0.5); got '{s}'.");
        }

        return Dimension.Pixels((int)value);
    }

    private static double ParseNumber(string name, string s, double min, double max)
    {
        if (!TryParseFinite(s, out var value) || value < min || value > max)
        {
            throw Problems.BadParameter(name, $"{name} must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}; got '{s}'.");
        }

        return value;
    }

    // imgix dpr: above 0, at most 5 (https://docs.imgix.com/apis/rendering/pixel-density); 0 would ask for no pixels at all.
    private static double ParseDpr(string s)
    {
        if (!TryParseFinite(s, out var value) || value <= 0 || value > MaxDpr)
        {
            throw Problems.BadParameter("dpr", $"dpr must be a number above 0 and at most {MaxDpr} (like 0.75, 2 or 5); got '{s}'.");
        }

        return value;
    }

    private static int ParseInteger(string name, string s, int min, int max)
    {
        if (!int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw Problems.BadParameter(name, $"{name} must be a whole number from {min} to {max}; got '{s}'.");
        }

        return value;
    }

    private static long ParseLong(string name, string s)
    {
        if (!long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw Problems.BadParameter(name, $"{name} must be a Unix time in whole seconds; got '{s}'.");
        }

        return value;
    }

    internal static FitMode ParseFit(string s) => s.ToLowerInvariant() switch
    {
        "clip" => FitMode.Clip,
        "crop" => FitMode.Crop,
        "fill" => FitMode.Fill,
        "fillmax" => FitMode.FillMax,
        "max" => FitMode.Max,
        "min" => FitMode.Min,
        "scale" => FitMode.Scale,
        "clamp" => throw Problems.BadParameter("fit", "fit=clamp (fill with the image's extended edge pixels) is not supported: the ImageSharp engine cannot extend edges, so the two engines would not agree; use fit=fill with bg instead."),
        "facearea" => throw Problems.BadParameter("fit", "fit=facearea needs a face detector, and MediaEdge has none; use fit=crop with crop=focalpoint and fp-x, fp-y instead."),
        _ => throw Problems.BadParameter("fit", $"fit must be one of clip, crop, fill, fillmax, max, min, scale; got '{s}'."),
    };

    internal static CropGravity ParseCrop(string s)
    {
        var gravity = CropGravity.Center;
        foreach (var part in SplitList(s))
        {
            gravity |= part.ToLowerInvariant() switch
            {
                "top" => CropGravity.Top,
                "bottom" => CropGravity.Bottom,
                "left" => CropGravity.Left,
                "right" => CropGravity.Right,
                "center" => CropGravity.Center,
                "entropy" => CropGravity.Entropy,
                "focalpoint" => CropGravity.FocalPoint,
                "faces" => throw Problems.BadParameter("crop", "crop=faces needs a face detector, and MediaEdge has none; use crop=focalpoint with fp-x, fp-y, or crop=entropy instead."),
                _ => throw Problems.BadParameter("crop", $"crop takes a comma-separated list of top, bottom, left, right, center, entropy, focalpoint; '{part}' is not supported."),
            };
        }

        if (gravity.HasFlag(CropGravity.Top | CropGravity.Bottom) || gravity.HasFlag(CropGravity.Left | CropGravity.Right))
        {
            throw Problems.BadParameter("crop", $"crop cannot hold both top and bottom, or both left and right; got '{s}'.");
        }

        return gravity;
    }

    private static double ParseAspectRatio(string s)
    {
        var parts = s.Split(':');
        if (parts.Length == 2 && TryParseFinite(parts[0], out var w) && TryParseFinite(parts[1], out var h) && w > 0 && h > 0)
        {
            var ratio = w / h;
            if (ratio is >= 0.01 and <= 100)
            {
                return ratio;
            }
        }

        throw Problems.BadParameter("ar", $"ar must be W:H with positive numbers and a ratio between 1:100 and 100:1 (like 16:9); got '{s}'.");
    }

    private static SourceRect ParseRect(string s)
    {
        var parts = s.Split(',');
        var numbers = new int[4];
        if (parts.Length == 4 && parts.Select((p, i) => int.TryParse(p.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i])).All(ok => ok)
            && numbers[2] > 0 && numbers[3] > 0 && numbers.All(n => n <= 65535))
        {
            return new SourceRect(numbers[0], numbers[1], numbers[2], numbers[3]);
        }

        throw Problems.BadParameter("rect", $"rect must be x,y,w,h in whole source pixels (x, y from 0; w, h from 1; each at most 65535); got '{s}'.");
    }

    private static OutputFormat ParseFormat(string s) => s.ToLowerInvariant() switch
    {
        "jpg" or "jpeg" => OutputFormat.Jpeg,
        "pjpg" => OutputFormat.ProgressiveJpeg,
        "png" or "png32" => OutputFormat.Png,
        "png8" => throw Problems.BadParameter("fm", "fm=png8 (an 8-bit palette PNG) is not mapped yet: both engines write a palette PNG only under auto=compress; ask fm=png&auto=compress for one, or fm=png for full colour."),
        "webp" => OutputFormat.Webp,
        "gif" => OutputFormat.Gif,
        "avif" => OutputFormat.Avif,
        "json" => OutputFormat.Json,
        "mp4" => OutputFormat.Mp4,
        "webm" => OutputFormat.Webm,
        _ => throw Problems.BadParameter("fm", $"fm must be one of jpg, pjpg, png, png32, webp, gif, avif, json, mp4, webm; got '{s}'."),
    };

    internal static Rgba ParseColor(string s) =>
        Rgba.TryParseHex(s, out var color)
            ? color
            : throw Problems.BadParameter("bg", $"bg must be a hex colour: RGB, ARGB, RRGGBB or AARRGGBB (like fff or 80ff0000); got '{s}'.");

    private static FlipMode ParseFlip(string s) => s.ToLowerInvariant() switch
    {
        "h" => FlipMode.Horizontal,
        "v" => FlipMode.Vertical,
        "hv" or "vh" => FlipMode.Horizontal | FlipMode.Vertical,
        _ => throw Problems.BadParameter("flip", $"flip must be h, v or hv; got '{s}'."),
    };

    private static ClientHintSet ParseClientHints(string s)
    {
        var hints = ClientHintSet.None;
        foreach (var part in SplitList(s))
        {
            hints |= part.ToLowerInvariant() switch
            {
                "width" => ClientHintSet.Width,
                "dpr" => ClientHintSet.Dpr,
                "save-data" => ClientHintSet.SaveData,
                _ => throw Problems.BadParameter("ch", $"ch takes a comma-separated list of Width, DPR, Save-Data; '{part}' is not supported."),
            };
        }

        return hints;
    }
}
