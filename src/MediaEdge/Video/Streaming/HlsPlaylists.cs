using System.Globalization;
using System.Text;

namespace MediaEdge.Video.Streaming;

/// <summary>The text of HLS playlists (RFC 8216): a master listing the renditions, and a VOD media playlist per rendition.</summary>
public static class HlsPlaylists
{
    /// <summary>The media type of every playlist (RFC 8216 §4).</summary>
    public const string ContentType = "application/vnd.apple.mpegurl";

    /// <summary>
    /// The master playlist: one EXT-X-STREAM-INF per rendition, lowest first, with BANDWIDTH (the peak, RFC 8216
    /// §4.3.4.2), AVERAGE-BANDWIDTH (measured), RESOLUTION, FRAME-RATE and CODECS, pointing at <paramref name="uriOf"/>(rendition).
    /// </summary>
    public static string Master(IEnumerable<(HlsRendition Rendition, long PeakBitsPerSecond, long AverageBitsPerSecond)> renditions, double fps, bool audio, Func<HlsRendition, string> uriOf)
    {
        var text = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        foreach (var (rendition, peak, average) in renditions)
        {
            var codecs = H264Level.Codec(rendition.Level) + (audio ? ",mp4a.40.2" : "");
            text.Append(CultureInfo.InvariantCulture, $"#EXT-X-STREAM-INF:BANDWIDTH={peak},AVERAGE-BANDWIDTH={average},RESOLUTION={rendition.Resolution},FRAME-RATE={fps:0.000},CODECS=\"{codecs}\"\n");
            text.Append(uriOf(rendition)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>A rendition's VOD playlist: every segment of <paramref name="timeline"/> with its length, at <paramref name="uriOf"/>(index).</summary>
    public static string Media(HlsTimeline timeline, Func<int, string> uriOf)
    {
        var text = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n");
        text.Append(CultureInfo.InvariantCulture, $"#EXT-X-TARGETDURATION:{TargetDuration(timeline)}\n#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-PLAYLIST-TYPE:VOD\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        for (var index = 0; index < timeline.Count; index++)
        {
            text.Append(CultureInfo.InvariantCulture, $"#EXTINF:{timeline.Duration(index):0.000},\n");
            text.Append(uriOf(index)).Append('\n');
        }

        return text.Append("#EXT-X-ENDLIST\n").ToString();
    }

    // Every EXTINF rounded to the nearest whole second must be at most the target duration (RFC 8216 §4.3.3.1).
    private static int TargetDuration(HlsTimeline timeline) =>
        Enumerable.Range(0, timeline.Count).Max(index => (int)Math.Round(timeline.Duration(index), MidpointRounding.AwayFromZero));
}
