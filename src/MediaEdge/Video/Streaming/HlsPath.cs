using System.Globalization;
using System.Text.RegularExpressions;

namespace MediaEdge.Video.Streaming;

/// <summary>
/// The HLS part of a /video/{source}/{key}/hls/… path: <c>master.m3u8</c>, <c>{height}p/index.m3u8</c> or
/// <c>{height}p/{n}.ts</c>. <see cref="Height"/> is null for the master playlist, <see cref="Segment"/> null for a playlist.
/// </summary>
public sealed partial record HlsPath(string Key, int? Height, int? Segment)
{
    /// <summary>True for <c>master.m3u8</c>.</summary>
    public bool IsMaster => Height is null;

    /// <summary>The parts of <paramref name="path"/> (the route's {**path}: key, then the HLS tail); false where it is not an HLS path.</summary>
    public static bool TryParse(string? path, out HlsPath hls)
    {
        hls = new HlsPath("", null, null);
        var match = path is null ? Match.Empty : Pattern().Match(path);
        if (!match.Success)
        {
            return false;
        }

        int? Whole(Group group) => group.Success ? int.Parse(group.ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture) : null;
        hls = new HlsPath(match.Groups["key"].Value, Whole(match.Groups["height"]), Whole(match.Groups["segment"]));
        return true;
    }

    // The key may itself hold "/hls/": the last one starts the HLS tail. Heights and segment numbers stay far within int.
    [GeneratedRegex(@"^(?<key>.+)/hls/(?:master\.m3u8|(?<height>[0-9]{1,5})p/(?:index\.m3u8|(?<segment>[0-9]{1,7})\.ts))$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Pattern();
}
