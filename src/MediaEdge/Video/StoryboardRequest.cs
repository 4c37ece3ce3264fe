using System.Globalization;
using MediaEdge.Requests;

namespace MediaEdge.Video;

/// <summary>The parameters of /video/{source}/{key}/storyboard.{jpg,webp,vtt,json}: <c>interval</c> (seconds between tiles), <c>w</c> (tile width), <c>sprite</c> (jpg or webp, for the index).</summary>
public sealed record StoryboardRequest(string Kind, double? Interval, int TileWidth, string SpriteFormat)
{
    public const int DefaultTileWidth = 160;
    public const int MaxTileWidth = 480;

    public static StoryboardRequest Parse(string kind, IReadOnlyList<KeyValuePair<string, string>> query)
    {
        string? Value(string name) => query.LastOrDefault(p => p.Key == name).Value;
        double? interval = null;
        if (Value("interval") is { } intervalText)
        {
            interval = double.TryParse(intervalText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) && v >= 0.1 && v <= 3600
                ? v
                : throw Problems.BadParameter("interval", $"interval must be seconds between tiles, from 0.1 to 3600; got '{intervalText}'.");
        }

        var width = DefaultTileWidth;
        if (Value("w") is { } widthText)
        {
            width = int.TryParse(widthText, NumberStyles.None, CultureInfo.InvariantCulture, out var w) && w >= 16 && w <= MaxTileWidth
                ? w
                : throw Problems.BadParameter("w", $"w (the tile width) must be a whole number from 16 to {MaxTileWidth}; got '{widthText}'.");
        }

        var sprite = Value("sprite") ?? "jpg";
        if (sprite is not ("jpg" or "webp"))
        {
            throw Problems.BadParameter("sprite", $"sprite must be jpg or webp; got '{sprite}'.");
        }

        return new StoryboardRequest(kind, interval, width, sprite);
    }

    /// <summary>The query a sprite URL needs to match this index's layout.</summary>
    public string QueryForSprite()
    {
        var parts = new List<string>();
        if (Interval is { } i)
        {
            parts.Add("interval=" + i.ToString("0.###", CultureInfo.InvariantCulture));
        }

        if (TileWidth != DefaultTileWidth)
        {
            parts.Add("w=" + TileWidth.ToString(CultureInfo.InvariantCulture));
        }

        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }
}
