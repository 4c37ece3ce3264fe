using System.Globalization;
using MediaEdge.Requests;

namespace MediaEdge.Video;

/// <summary>The parameters of /video/{source}/{key}/animated.{gif,webp}.</summary>
public sealed record AnimatedRequest(string Format, double? Start, double? End, int? Fps, int? Width, int? Height)
{
    public static AnimatedRequest Parse(string format, IReadOnlyList<KeyValuePair<string, string>> query, VideoOptions options)
    {
        string? Value(string name) => query.LastOrDefault(p => p.Key == name).Value;
        double? Time(string name)
        {
            var text = Value(name);
            if (text is null)
            {
                return null;
            }

            return double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) && v >= 0
                ? v
                : throw Problems.BadParameter(name, $"{name} must be a time in seconds, 0 or more (like 2.5); got '{text}'.");
        }

        int? Whole(string name, int max)
        {
            var text = Value(name);
            if (text is null)
            {
                return null;
            }

            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= 1 && v <= max
                ? v
                : throw Problems.BadParameter(name, $"{name} must be a whole number from 1 to {max}; got '{text}'.");
        }

        return new AnimatedRequest(format, Time("start"), Time("end"), Whole("fps", options.MaxAnimatedFps), Whole("w", options.MaxAnimatedDimension), Whole("h", options.MaxAnimatedDimension));
    }
}
