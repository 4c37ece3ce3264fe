using System.Globalization;
using MediaEdge.Video.Transcode;

namespace MediaEdge.Video.Streaming;

/// <summary>
/// The encoder half of a segment's ffmpeg command: H.264 High (libx264 veryfast, the clip's CRF for q, capped by the
/// rendition's VBV ceiling with a one-second buffer) + AAC in MPEG-TS. Each segment starts on an IDR frame (every x264
/// run does) and keeps the timeline's timestamps (<c>-output_ts_offset</c> its start, never shifted to dodge negative
/// decode times), so segments join without gaps or overlaps and any one can start playback.
/// </summary>
public static class HlsEncoding
{
    /// <summary>Audio bit rate, kbit/s.</summary>
    public const int AudioKbps = 128;

    /// <summary>MPEG-TS framing over the codec bits (188-byte packets, PES headers, tables), as a factor, with margin.</summary>
    public const double MuxOverhead = 1.12;

    /// <summary>The segment's output options after the mapped streams, for a segment starting <paramref name="start"/> seconds in.</summary>
    public static string Output(HlsRendition rendition, int quality, bool audio, double start) => string.Create(CultureInfo.InvariantCulture,
        $"-c:v libx264 -preset veryfast -profile:v high -level:v {H264Level.Name(rendition.Level)} -crf {ClipEncoding.X264Crf(quality)} -maxrate {rendition.MaxRateKbps}k -bufsize {rendition.MaxRateKbps}k {ClipEncoding.Tags} {(audio ? $"-c:a aac -b:a {AudioKbps}k -ac 2" : "-an")} -avoid_negative_ts disabled -output_ts_offset {VideoService.Seconds(start)} -f mpegts");

    /// <summary>
    /// The most bits a second any stretch of segments RFC 8216 §4.3.4.2 measures (0.5–1.5 target durations) can hold: the
    /// VBV lets a stretch of t seconds carry the ceiling plus one buffer (1 s of it), so at t = half a target duration,
    /// the ceiling × (1 + 2 / target), plus audio, plus the MPEG-TS framing.
    /// </summary>
    public static long PeakBitsPerSecond(HlsRendition rendition, int segmentSeconds, bool audio) =>
        (long)Math.Ceiling(((rendition.MaxRateKbps * (1 + (2.0 / segmentSeconds))) + (audio ? AudioKbps : 0)) * 1000 * MuxOverhead);
}
