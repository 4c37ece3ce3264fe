using System.Globalization;
using MediaEdge.Requests;

namespace MediaEdge.Video.Transcode;

/// <summary>
/// The parameters of /video/{source}/{key}/video.{mp4,webm}: the box (w, h, fit, crop, fp-x, fp-y, bg, with the image
/// routes' meaning), the stretch of time (start, duration, in seconds), fps, q (1–100) and audio. Sizes are display
/// pixels (after rotation); a bad value is a 400 naming its parameter.
/// </summary>
public sealed record ClipRequest(string Format, int? Width, int? Height, FitMode Fit, CropGravity Crop, double? FocalX, double? FocalY, Rgba Background, double Start, double? Duration, int? Fps, int Quality, bool Audio)
{
    /// <summary>q where none is given: about x264's own default CRF (see <see cref="ClipEncoding"/>).</summary>
    public const int DefaultQuality = 75;

    /// <summary>Largest w or h a clip may ask for, in pixels: a video frame is not scaled down to fit as an image is, and past 8192 no H.264 level holds it.</summary>
    public const int MaxSide = 8192;

    /// <summary>Highest fps a clip may ask for.</summary>
    public const int MaxFps = 60;

    /// <summary>Parses the query; <c>fm</c> (mp4 or webm), where given, overrides the extension <paramref name="extension"/>.</summary>
    public static ClipRequest Parse(string extension, IReadOnlyList<KeyValuePair<string, string>> query)
    {
        string? Value(string name) => query.LastOrDefault(p => p.Key == name).Value?.Trim();
        T? Get<T>(string name, Func<string, T> parse)
            where T : struct => Value(name) is { } text ? parse(text) : null;

        return new ClipRequest(
            Value("fm") is { } fm ? ParseFormat(fm) : extension,
            Get("w", text => ParseWhole("w", text, 1, MaxSide)),
            Get("h", text => ParseWhole("h", text, 1, MaxSide)),
            Get("fit", ParseFit) ?? FitMode.Clip,
            Get("crop", ParseCrop) ?? CropGravity.Center,
            Get("fp-x", text => ParseFraction("fp-x", text)),
            Get("fp-y", text => ParseFraction("fp-y", text)),
            Get("bg", ImageQueryParser.ParseColor) ?? new Rgba(0, 0, 0, 255),
            Get("start", text => ParseSeconds("start", text, allowZero: true)) ?? 0,
            Get("duration", text => ParseSeconds("duration", text, allowZero: false)),
            Get("fps", text => ParseWhole("fps", text, 1, MaxFps)),
            Get("q", text => ParseWhole("q", text, 1, 100)) ?? DefaultQuality,
            Get("audio", ParseAudio) ?? true);
    }

    private static string ParseFormat(string text) => text.ToLowerInvariant() switch
    {
        "mp4" => "mp4",
        "webm" => "webm",
        _ => throw Problems.BadParameter("fm", $"fm on a video clip must be mp4 or webm; got '{text}'."),
    };

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>, else a 400 naming <paramref name="name"/>.</summary>
    internal static int ParseWhole(string name, string text, int min, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw Problems.BadParameter(name, $"{name} must be a whole number from {min} to {max}; got '{text}'.");

    private static double ParseFraction(string name, string text) =>
        double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 1
            ? value
            : throw Problems.BadParameter(name, $"{name} must be a number from 0 to 1; got '{text}'.");

    private static double ParseSeconds(string name, string text, bool allowZero) =>
        double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && (value > 0 || (allowZero && value == 0))
            ? value
            : throw Problems.BadParameter(name, $"{name} must be a time in seconds, {(allowZero ? "0 or more" : "above 0")} (like 2.5); got '{text}'.");

    /// <summary><c>audio</c>: true or 1, false or 0, else a 400 naming it.</summary>
    internal static bool ParseAudio(string text) => text.ToLowerInvariant() switch
    {
        "true" or "1" => true,
        "false" or "0" => false,
        _ => throw Problems.BadParameter("audio", $"audio must be true or false; got '{text}'."),
    };

    // The image routes' fits that mean the same for a moving picture; the others resize by rules written for stills.
    private static FitMode ParseFit(string text) => ImageQueryParser.ParseFit(text) switch
    {
        var fit when fit is FitMode.Clip or FitMode.Crop or FitMode.Fill => fit,
        _ => throw Problems.BadParameter("fit", $"fit on a video clip must be clip, crop or fill; got '{text}'."),
    };

    private static CropGravity ParseCrop(string text) => ImageQueryParser.ParseCrop(text) is var crop && crop.HasFlag(CropGravity.Entropy)
        ? throw Problems.BadParameter("crop", "crop=entropy chooses from one picture's detail, which moves in a video; use edges or crop=focalpoint with fp-x, fp-y.")
        : crop;
}
