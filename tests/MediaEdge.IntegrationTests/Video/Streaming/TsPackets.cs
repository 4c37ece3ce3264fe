using MediaEdge.IntegrationTests.Video.Transcode;

namespace MediaEdge.IntegrationTests.Video.Streaming;

/// <summary>The packets of an MPEG-TS segment as ffprobe reads them: stream kind, presentation time and keyframe flag, in file order.</summary>
public sealed record TsPackets(IReadOnlyList<(string Kind, double Pts, bool Key)> Packets)
{
    public IReadOnlyList<double> Video => Packets.Where(p => p.Kind == "video").Select(p => p.Pts).Order().ToList();

    public IReadOnlyList<double> Audio => Packets.Where(p => p.Kind == "audio").Select(p => p.Pts).Order().ToList();

    /// <summary>True where the first video packet in the file is a keyframe.</summary>
    public bool StartsOnKeyframe => Packets.First(p => p.Kind == "video").Key;

    public static async Task<TsPackets> ReadAsync(byte[] segment)
    {
        var text = await ClipProbe.FfprobeAsync(segment, "-show_entries", "packet=codec_type,pts_time,flags", "-of", "csv=p=0");
        return new TsPackets(text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(','))
            .Select(f => (f[0], double.Parse(f[1], CultureInfo.InvariantCulture), f[2].StartsWith('K')))
            .ToList());
    }
}
