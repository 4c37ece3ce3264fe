using System.Globalization;

namespace MediaEdge.Video.Transcode;

/// <summary>
/// The encoder half of a clip's ffmpeg command. MP4: H.264 (libx264, veryfast, High profile) + AAC, the index moved to
/// the front (-movflags +faststart). WebM: VP9 (libvpx-vp9, realtime, row-mt) + Opus; AV1 (libsvtav1 preset 10) was
/// measured slower here for the same 640-wide clip (see README). Both 8-bit 4:2:0, tagged BT.709 limited range, with
/// every metadata tag and chapter dropped. q 1–100 maps linearly onto the codec's CRF, higher q meaning a lower CRF.
/// </summary>
public static class ClipEncoding
{
    /// <summary>x264 CRF for q: 100 → 18 (visually lossless), 75 → 24 (about x264's default 23), 1 → 43.</summary>
    public static int X264Crf(int quality) => 18 + (int)Math.Round((100 - quality) * 0.25, MidpointRounding.AwayFromZero);

    /// <summary>libvpx-vp9 CRF (0–63) for q: 100 → 20, 75 → 29, 1 → 55.</summary>
    public static int Vp9Crf(int quality) => 20 + (int)Math.Round((100 - quality) * 0.35, MidpointRounding.AwayFromZero);

    /// <summary>The response's media type.</summary>
    public static string ContentType(string format) => format == "webm" ? "video/webm" : "video/mp4";

    /// <summary>Output options every encode shares: 8-bit 4:2:0 tagged BT.709 limited range, without metadata, chapters, subtitles or data streams.</summary>
    public const string Tags = "-pix_fmt yuv420p -color_primaries bt709 -color_trc bt709 -colorspace bt709 -color_range tv -map_metadata -1 -map_chapters -1 -sn -dn";

    /// <summary>
    /// The filter graph from the input's picture stream to <c>[v]</c>: an optional frame rate (<paramref name="rate"/>,
    /// like <c>fps=fps=30,</c>), upright SDR BT.709 limited-range 4:2:0 scaled to the geometry, then cropped or padded.
    /// </summary>
    public static string Picture(VideoProbe probe, ClipGeometry geometry, string rate = "")
    {
        // A padded picture is padded in RGB, where bg is exact (ffmpeg's pad turns a colour into YUV with BT.601's matrix).
        var picture = geometry.Fill is null
            ? probe.Colour.ToBt709Yuv(probe.Width, probe.Height, geometry.Scale) + geometry.Placement
            : $"{probe.Colour.ToSdrRgb(probe.Width, probe.Height, geometry.Scale)}{geometry.Placement},{VideoColour.RgbToBt709Yuv}";
        return string.Create(CultureInfo.InvariantCulture, $"[0:{probe.StreamIndex}]{rate}{picture},setparams=color_primaries=bt709:color_trc=bt709:colorspace=bt709:range=tv[v]");
    }

    /// <summary>ffmpeg's output options after the mapped streams: codecs, quality, colour tags, metadata and container.</summary>
    public static string Output(string format, int quality, bool audio)
    {
        return format == "webm"
            ? string.Create(CultureInfo.InvariantCulture, $"-c:v libvpx-vp9 -deadline realtime -cpu-used 8 -row-mt 1 -crf {Vp9Crf(quality)} -b:v 0 {Tags} {(audio ? "-c:a libopus -b:a 96k -ac 2" : "-an")} -f webm")
            : string.Create(CultureInfo.InvariantCulture, $"-c:v libx264 -preset veryfast -profile:v high -crf {X264Crf(quality)} {Tags} {(audio ? "-c:a aac -b:a 128k -ac 2" : "-an")} -movflags +faststart -f mp4");
    }
}
