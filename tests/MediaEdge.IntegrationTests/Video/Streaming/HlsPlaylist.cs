namespace MediaEdge.IntegrationTests.Video.Streaming;

/// <summary>An HLS playlist read as a player reads it: tags with their attributes, and the URIs after them.</summary>
public sealed record HlsPlaylist(IReadOnlyList<string> Lines)
{
    public static HlsPlaylist Parse(byte[] body)
    {
        var lines = System.Text.Encoding.UTF8.GetString(body).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("#EXTM3U", lines[0]);
        return new HlsPlaylist(lines);
    }

    /// <summary>Each EXT-X-STREAM-INF's attributes with the URI on the line after it.</summary>
    public IReadOnlyList<(IReadOnlyDictionary<string, string> Attributes, string Uri)> Variants =>
        Lines.Select((line, i) => (line, i))
            .Where(x => x.line.StartsWith("#EXT-X-STREAM-INF:", StringComparison.Ordinal))
            .Select(x => ((IReadOnlyDictionary<string, string>)Attributes(x.line["#EXT-X-STREAM-INF:".Length..]), Lines[x.i + 1]))
            .ToList();

    /// <summary>Each segment's EXTINF duration with its URI.</summary>
    public IReadOnlyList<(double Seconds, string Uri)> Segments =>
        Lines.Select((line, i) => (line, i))
            .Where(x => x.line.StartsWith("#EXTINF:", StringComparison.Ordinal))
            .Select(x => (double.Parse(x.line["#EXTINF:".Length..].TrimEnd(','), CultureInfo.InvariantCulture), Lines[x.i + 1]))
            .ToList();

    public string? Tag(string name) => Lines.FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.Ordinal))?[(name.Length + 1)..];

    // Attribute lists (RFC 8216 §4.2): NAME=value pairs split on commas outside quoted strings.
    private static Dictionary<string, string> Attributes(string list)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(list, "([A-Z0-9-]+)=(\"[^\"]*\"|[^,]*)"))
        {
            result[m.Groups[1].Value] = m.Groups[2].Value.Trim('"');
        }

        return result;
    }
}
