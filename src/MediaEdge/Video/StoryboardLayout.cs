using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MediaEdge.Video;

/// <summary>
/// The grid of a storyboard: evenly spaced tiles, their size, and the WebVTT/JSON index pointing into the sprite with
/// #xywh=. Each cue runs <see cref="Interval"/> (the last one to the end of the picture), and its tile shows the frame
/// halfway through it; the sprite holds exactly <see cref="Count"/> tiles, so it always matches its index.
/// </summary>
public sealed record StoryboardLayout(double Interval, int Count, int Columns, int Rows, int TileWidth, int TileHeight, double Duration)
{
    public int SpriteWidth => Columns * TileWidth;

    public int SpriteHeight => Rows * TileHeight;

    public static StoryboardLayout For(VideoProbe probe, StoryboardRequest request, int maxTiles)
    {
        // A clip of one frame still has a length (that frame's); the cues cover exactly the picture's length.
        var duration = Math.Max(0.001, probe.DurationSeconds);
        var interval = Math.Max(request.Interval ?? Math.Max(1, duration / maxTiles), duration / maxTiles);

        // 2.0000000001 intervals are two tiles, not three: the third would start where the picture ends.
        var count = Math.Clamp((int)Math.Ceiling((duration / interval) - 1e-6), 1, maxTiles);
        var columns = Math.Min(10, count);
        var rows = (int)Math.Ceiling(count / (double)columns);
        var height = Math.Max(2, (int)Math.Round(request.TileWidth * probe.DisplayHeight / (double)probe.DisplayWidth / 2) * 2);
        return new StoryboardLayout(interval, count, columns, rows, request.TileWidth, height, duration);
    }

    public IEnumerable<(double Start, double End, int X, int Y)> Tiles()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return (i * Interval, Math.Min(Duration, (i + 1) * Interval), i % Columns * TileWidth, i / Columns * TileHeight);
        }
    }

    public string ToWebVtt(string spriteUrl)
    {
        var b = new StringBuilder("WEBVTT\n\n");
        foreach (var (start, end, x, y) in Tiles())
        {
            b.Append(Timestamp(start)).Append(" --> ").Append(Timestamp(end)).Append('\n')
             .Append(spriteUrl).Append("#xywh=").Append(x).Append(',').Append(y).Append(',').Append(TileWidth).Append(',').Append(TileHeight).Append("\n\n");
        }

        return b.ToString();
    }

    public string ToJson(string spriteUrl) => JsonSerializer.Serialize(new
    {
        sprite = spriteUrl,
        width = SpriteWidth,
        height = SpriteHeight,
        tileWidth = TileWidth,
        tileHeight = TileHeight,
        columns = Columns,
        rows = Rows,
        interval = Interval,
        tiles = Tiles().Select(t => new { start = t.Start, end = t.End, x = t.X, y = t.Y, w = TileWidth, h = TileHeight, url = $"{spriteUrl}#xywh={t.X},{t.Y},{TileWidth},{TileHeight}" }),
    });

    private static string Timestamp(double seconds)
    {
        var t = TimeSpan.FromSeconds(seconds);
        return string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours:00}:{t.Minutes:00}:{t.Seconds:00}.{t.Milliseconds:000}");
    }
}
