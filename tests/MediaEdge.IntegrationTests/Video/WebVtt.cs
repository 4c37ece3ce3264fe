using System.Text.RegularExpressions;

namespace MediaEdge.IntegrationTests.Video;

/// <summary>A storyboard's WebVTT as a player reads it: the header, then cues of a time range and an image URL with #xywh=.</summary>
public static partial class WebVtt
{
    public sealed record Cue(TimeSpan Start, TimeSpan End, string Url, int X, int Y, int Width, int Height);

    /// <summary>Parses the text, failing the test on anything a player would reject.</summary>
    public static IReadOnlyList<Cue> Parse(string text)
    {
        var blocks = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.True(blocks.Length > 0 && HeaderLine().IsMatch(blocks[0].Split('\n')[0]), "The file starts with WEBVTT");
        var cues = new List<Cue>();
        foreach (var block in blocks.Skip(1))
        {
            var lines = block.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var timing = lines.Select(l => TimingLine().Match(l)).FirstOrDefault(m => m.Success);
            Assert.True(timing is not null, $"A cue without a 'HH:MM:SS.mmm --> HH:MM:SS.mmm' line: {block}");
            var payload = lines.SkipWhile(l => !TimingLine().IsMatch(l)).Skip(1).ToArray();
            Assert.True(payload.Length == 1, $"A cue whose text is not one image URL: {block}");
            var target = Fragment().Match(payload[0]);
            Assert.True(target.Success, $"A cue whose URL has no #xywh=x,y,w,h: {payload[0]}");
            cues.Add(new Cue(
                Time(timing.Groups["start"].Value),
                Time(timing.Groups["end"].Value),
                target.Groups["url"].Value,
                Int(target.Groups["x"].Value),
                Int(target.Groups["y"].Value),
                Int(target.Groups["w"].Value),
                Int(target.Groups["h"].Value)));
        }

        return cues;
    }

    private static TimeSpan Time(string text) => TimeSpan.ParseExact(text, @"hh\:mm\:ss\.fff", CultureInfo.InvariantCulture);

    private static int Int(string text) => int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^WEBVTT([ \t].*)?$")]
    private static partial Regex HeaderLine();

    [GeneratedRegex(@"^(?<start>\d{2}:\d{2}:\d{2}\.\d{3}) --> (?<end>\d{2}:\d{2}:\d{2}\.\d{3})$")]
    private static partial Regex TimingLine();

    [GeneratedRegex(@"^(?<url>[^#\s]+)#xywh=(?<x>\d+),(?<y>\d+),(?<w>\d+),(?<h>\d+)$")]
    private static partial Regex Fragment();
}
