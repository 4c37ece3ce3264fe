using System.Globalization;
using MediaEdge.Imaging;
using MediaEdge.Requests;
using MediaEdge.Video.Transcode;

namespace MediaEdge.Video.Animation;

/// <summary>
/// Turns an animation the image engine rendered as GIF at the planned size into a silent video (imgix's fm=mp4):
/// H.264 MP4 with +faststart or VP9 WebM, each frame kept for its own GIF delay (variable frame rate), sides made even
/// for 4:2:0. The GIF is the hand-over because ffmpeg's webp decoder cannot read an animated WebP, and both engines
/// write GIF frames with their delays (ffmpeg reads them as the frames' timestamps); at the image's own size a GIF source passes through it unchanged.
/// </summary>
/// <param name="clipLimits">The node's clip slots (Video:MaxClipProcesses), shared with transcoded clips.</param>
public sealed class AnimationVideoEncoder(FfmpegRunner ffmpeg, ClipLimits clipLimits)
{
    /// <summary>Whether the format is a video this encoder writes.</summary>
    public static bool Writes(OutputFormat format) => format is OutputFormat.Mp4 or OutputFormat.Webm;

    /// <summary>The video of a rendered GIF of <paramref name="source"/> (whose ffmpeg time it is), quality q (1–100) mapped onto the codec's CRF as for clips.</summary>
    public async Task<EncodedImage> EncodeAsync(string source, ReadOnlyMemory<byte> gif, OutputFormat format, int quality, int width, int height, CancellationToken cancellationToken)
    {
        var container = format == OutputFormat.Webm ? "webm" : "mp4";
        // -fps_mode passthrough keeps each GIF frame's timestamp instead of duplicating frames onto a constant rate, and a
        // millisecond time base keeps them exact (the encoder's default, 1/the guessed rate, rounded 0.1 s to 0). The
        // muxer gives the last frame 1/-r, so -r is one over the last frame's delay: it lasts its own delay, not ffmpeg's
        // guess. An odd side loses its last pixel row or column, which 4:2:0 chroma cannot carry; a side of one pixel is
        // doubled to two, the least H.264 and VP9 take.
        var last = GifLastDelay.Of(gif.Span) ?? GifLastDelay.DefaultHundredths;
        var arguments = string.Create(CultureInfo.InvariantCulture, $"-fps_mode passthrough -enc_time_base:v 1:1000 -r 100/{last} -vf scale=max(iw\\,2):max(ih\\,2):flags=neighbor,crop=trunc(iw/2)*2:trunc(ih/2)*2 ") + ClipEncoding.Output(container, quality, audio: false);
        byte[] bytes;
        using (await clipLimits.EnterAsync(cancellationToken).ConfigureAwait(false))
        {
            bytes = await ffmpeg.TranscodeBytesAsync(source, gif, "gif", arguments, cancellationToken).ConfigureAwait(false);
        }

        return new EncodedImage(bytes, ClipEncoding.ContentType(container), Math.Max(2, width & ~1), Math.Max(2, height & ~1));
    }
}
