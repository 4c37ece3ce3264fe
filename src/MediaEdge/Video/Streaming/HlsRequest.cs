using MediaEdge.Video.Transcode;

namespace MediaEdge.Video.Streaming;

/// <summary>
/// The parameters of every /video/{source}/{key}/hls/… URL: <c>q</c> (1–100, as for clips: see <see cref="ClipEncoding.X264Crf"/>)
/// and <c>audio</c> (true by default; false drops it). Playlists pass the query on to the URLs they list, so a whole
/// stream shares them. A bad value is a 400 naming its parameter.
/// </summary>
public sealed record HlsRequest(int Quality, bool Audio)
{
    /// <summary>Parses the query; other parameters are ignored, as on the clip routes.</summary>
    public static HlsRequest Parse(IReadOnlyList<KeyValuePair<string, string>> query)
    {
        var q = query.LastOrDefault(p => p.Key == "q").Value?.Trim();
        var audio = query.LastOrDefault(p => p.Key == "audio").Value?.Trim();
        return new HlsRequest(
            q is null ? ClipRequest.DefaultQuality : ClipRequest.ParseWhole("q", q, 1, 100),
            audio is null || ClipRequest.ParseAudio(audio));
    }
}
