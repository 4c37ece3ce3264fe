using System.Globalization;
using MediaEdge.Requests;

namespace MediaEdge.Dialects.Imgproxy;

/// <summary>
/// imgproxy's processing options (docs.imgproxy.net/usage/processing), <c>name:arg:arg</c> separated by <c>/</c>, later
/// ones overriding earlier, turned into imgix parameters; an option or value MediaEdge cannot honour is a 400 naming it.
/// </summary>
public sealed class ImgproxyProcessingOptions
{
    private string _resizingType = "fit";
    private int _width;
    private int _height;
    private bool _enlarge;
    private (string Crop, string? X, string? Y)? _gravity;
    private int _quality;
    private string? _format;
    private string? _dpr;
    private string? _background;
    private int _blur;
    private int _sharpen;
    private int _rotate;
    private bool _flipHorizontal;
    private bool _flipVertical;

    /// <summary>Applies option <paramref name="name"/> with its arguments, as imgproxy's option parser does.</summary>
    public void Apply(string name, string[] args)
    {
        switch (name)
        {
            case "resize" or "rs":
                Max(name, args, 8);
                if (args[0].Length > 0)
                {
                    ResizingType(name, args[0]);
                }

                if (args.Length > 1)
                {
                    Size(name, args[1..]);
                }

                break;
            case "size" or "s":
                Size(name, args);
                break;
            case "resizing_type" or "rt":
                Max(name, args, 1);
                ResizingType(name, args[0]);
                break;
            case "width" or "w":
                Max(name, args, 1);
                _width = Dimension(name, args[0]);
                break;
            case "height" or "h":
                Max(name, args, 1);
                _height = Dimension(name, args[0]);
                break;
            case "enlarge" or "el":
                Max(name, args, 1);
                _enlarge = Bool(args[0]);
                break;
            case "extend" or "ex":
                Extend(name, args);
                break;
            case "gravity" or "g":
                Gravity(name, args);
                break;
            case "quality" or "q":
                Max(name, args, 1);
                _quality = int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out var q) && q <= 100
                    ? q
                    : throw Problems.BadParameter(name, $"quality must be a number from 0 (the default) to 100; got '{args[0]}'.");
                break;
            case "format" or "f" or "ext":
                Max(name, args, 1);
                Format(name, args[0]);
                break;
            case "dpr":
                Max(name, args, 1);
                _dpr = double.TryParse(args[0], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var dpr) && dpr > 0
                    ? (dpr == 1 ? null : args[0])
                    : throw Problems.BadParameter(name, $"dpr must be a number greater than 0; got '{args[0]}'.");
                break;
            case "background" or "bg":
                Background(name, args);
                break;
            case "blur" or "bl":
                Max(name, args, 1);
                _blur = Sigma(name, args[0], 0, 200, s => s * 10);
                break;
            case "sharpen" or "sh":
                Max(name, args, 1);
                // MediaEdge's sharp runs sigma 0.3 + 0.027 × sharp (README), so imgproxy's sigma maps back onto 0–100.
                _sharpen = Sigma(name, args[0], 0.3, 3, s => (s - 0.3) / 0.027);
                break;
            case "rotate" or "rot":
                Max(name, args, 1);
                _rotate = int.TryParse(args[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var angle) && angle % 90 == 0
                    ? ((angle % 360) + 360) % 360
                    : throw Problems.BadParameter(name, $"Rotation angle must be a multiple of 90; got '{args[0]}'.");
                break;
            case "flip" or "fl":
                Max(name, args, 2);
                _flipHorizontal = args[0].Length > 0 ? Bool(args[0]) : _flipHorizontal;
                _flipVertical = args.Length > 1 && args[1].Length > 0 ? Bool(args[1]) : _flipVertical;
                break;
            case "strip_metadata" or "sm":
                // MediaEdge always strips metadata, whatever the argument.
                Max(name, args, 1);
                break;
            case "preset" or "pr":
                throw Problems.BadParameter(name, "imgproxy presets (IMGPROXY_PRESETS) are not configured here: write the preset's options in the URL.");
            default:
                throw Problems.BadParameter(name, $"The imgproxy option '{name}' is not supported by MediaEdge's imgproxy dialect (see the README's dialect table for those that are).");
        }
    }

    /// <summary>Applies the source URL's extension (<c>.png</c>, <c>@png</c>), which imgproxy reads as the format.</summary>
    public void Extension(string extension) => Format("extension", extension);

    /// <summary>The imgix parameters of the options applied.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ToImgix()
    {
        var query = new List<KeyValuePair<string, string>>();
        void Add(string name, string value) => query.Add(new(name, value));
        if (_width > 0)
        {
            Add("w", _width.ToString(CultureInfo.InvariantCulture));
        }

        if (_height > 0)
        {
            Add("h", _height.ToString(CultureInfo.InvariantCulture));
        }

        if (_width > 0 || _height > 0)
        {
            var fit = Fit();
            Add("fit", fit);
            if (fit is "crop" or "min" && _gravity is { } g)
            {
                Add("crop", g.Crop);
                if (g.X is not null)
                {
                    Add("fp-x", g.X);
                    Add("fp-y", g.Y!);
                }
            }
        }

        if (_dpr is not null)
        {
            Add("dpr", _dpr);
        }

        if (_quality > 0)
        {
            Add("q", _quality.ToString(CultureInfo.InvariantCulture));
        }

        if (_format is null)
        {
            Add("auto", "format");
        }
        else
        {
            Add("fm", _format);
        }

        if (_background is not null)
        {
            Add("bg", _background);
        }

        if (_blur > 0)
        {
            Add("blur", _blur.ToString(CultureInfo.InvariantCulture));
        }

        if (_sharpen > 0)
        {
            Add("sharp", _sharpen.ToString(CultureInfo.InvariantCulture));
        }

        if (_rotate != 0)
        {
            Add("rot", _rotate.ToString(CultureInfo.InvariantCulture));
        }

        // imgproxy rotates and then flips; MediaEdge flips and then rotates, so a quarter turn swaps the flip's axes.
        var (h, v) = _rotate is 90 or 270 ? (_flipVertical, _flipHorizontal) : (_flipHorizontal, _flipVertical);
        if (h || v)
        {
            Add("flip", (h ? "h" : "") + (v ? "v" : ""));
        }

        return query;
    }

    private string Fit() => _resizingType switch
    {
        // fit and fill never enlarge unless el is set; fill-down (as fill but keeping the aspect ratio) is imgix min.
        "fit" => _enlarge ? "clip" : "max",
        "fill" or "fill-down" => _enlarge ? "crop" : "min",
        "force" => "scale",
        // auto is fill where source and result share their orientation, else fit: with one side free they are the same.
        "auto" when _width == 0 || _height == 0 => _enlarge ? "clip" : "max",
        _ => throw Problems.BadParameter("resizing_type", "resizing_type auto with both width and height needs the source's orientation before parsing; use fit or fill."),
    };

    private void ResizingType(string name, string value) =>
        _resizingType = value is "fit" or "fill" or "fill-down" or "force" or "auto"
            ? value
            : throw Problems.BadParameter(name, $"resizing_type must be fit, fill, fill-down, force or auto; got '{value}'.");

    private void Size(string name, string[] args)
    {
        Max(name, args, 7);
        if (args[0].Length > 0)
        {
            _width = Dimension(name, args[0]);
        }

        if (args.Length > 1 && args[1].Length > 0)
        {
            _height = Dimension(name, args[1]);
        }

        if (args.Length > 2 && args[2].Length > 0)
        {
            _enlarge = Bool(args[2]);
        }

        if (args.Length > 3 && args[3].Length > 0)
        {
            Extend(name, args[3..]);
        }
    }

    private static void Extend(string name, string[] args)
    {
        Max(name, args, 4);
        if (Bool(args[0]))
        {
            throw Problems.BadParameter(name, "extend (padding the image out to the requested size) is not supported; use resizing_type fit.");
        }
    }

    private void Gravity(string name, string[] args)
    {
        var type = args[0];
        if (type == "fp")
        {
            _gravity = args.Length == 3 && Unit(args[1]) && Unit(args[2])
                ? ("focalpoint", args[1], args[2])
                : throw Problems.BadParameter(name, "gravity fp takes x and y, each from 0 to 1 (fp:0.5:0.3).");
            return;
        }

        if (type == "sm")
        {
            throw Problems.BadParameter(name, "gravity sm needs smart (saliency) cropping, which MediaEdge does not have; use a compass gravity or fp:x:y.");
        }

        var crop = type switch
        {
            "ce" => "center",
            "no" => "top",
            "so" => "bottom",
            "ea" => "right",
            "we" => "left",
            "noea" => "top,right",
            "nowe" => "top,left",
            "soea" => "bottom,right",
            "sowe" => "bottom,left",
            _ => throw Problems.BadParameter(name, $"gravity must be ce, no, so, ea, we, noea, nowe, soea, sowe or fp:x:y; got '{type}'."),
        };
        Max(name, args, 3);
        if (args.Skip(1).Any(offset => offset.Length > 0 && !(double.TryParse(offset, NumberStyles.Float, CultureInfo.InvariantCulture, out var o) && o == 0)))
        {
            throw Problems.BadParameter(name, "gravity offsets are not supported; give the gravity type alone, or fp:x:y.");
        }

        _gravity = crop == "center" ? null : (crop, null, null);
    }

    private void Format(string name, string value) =>
        _format = value switch
        {
            "jpg" or "jpeg" => "jpg",
            "png" or "webp" or "avif" or "gif" => value,
            "best" => throw Problems.BadParameter(name, "format best (trying each format for the smallest) is not supported; name a format, or give none for the browser's best by Accept."),
            _ => throw Problems.BadParameter(name, $"format must be jpg, png, webp, avif or gif; got '{value}'."),
        };

    private void Background(string name, string[] args)
    {
        if (args.Length == 1 && args[0].Length == 0)
        {
            _background = null;
        }
        else if (args.Length == 1 && args[0].Length is 3 or 6 && args[0].All(char.IsAsciiHexDigit))
        {
            _background = args[0].ToLowerInvariant();
        }
        else if (args.Length == 3 && args.All(a => byte.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            _background = string.Concat(args.Select(a => byte.Parse(a, CultureInfo.InvariantCulture).ToString("x2", CultureInfo.InvariantCulture)));
        }
        else
        {
            throw Problems.BadParameter(name, $"background must be a hex colour (RGB or RRGGBB) or R:G:B, each 0-255; got '{string.Join(':', args)}'.");
        }
    }

    private static int Dimension(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var pixels)
            ? pixels
            : throw Problems.BadParameter(name, $"A width or height must be a whole number of pixels, 0 for auto; got '{value}'.");

    private static int Sigma(string name, string value, double min, double max, Func<double, double> toImgix)
    {
        if (!double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var sigma) || (sigma != 0 && (sigma < min || sigma > max)))
        {
            throw Problems.BadParameter(name, $"{name} takes a sigma of 0 (off) or from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}; got '{value}'.");
        }

        return sigma == 0 ? 0 : Math.Max(1, (int)Math.Round(toImgix(sigma), MidpointRounding.AwayFromZero));
    }

    private static bool Unit(string value) =>
        double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var x) && x is >= 0 and <= 1;

    // Go's strconv.ParseBool; imgproxy reads any other value as false.
    private static bool Bool(string value) => value is "1" or "t" or "T" or "true" or "TRUE" or "True";

    private static void Max(string name, string[] args, int max)
    {
        if (args.Length > max)
        {
            throw Problems.BadParameter(name, $"{name} takes at most {max} arguments; got {args.Length}.");
        }
    }
}
