using System.Globalization;
using MediaEdge.Requests;
using MediaEdge.Video.Transcode;

namespace MediaEdge.Video.Streaming;

/// <summary>
/// One rung of the ladder: a picture <see cref="Height"/> pixels tall (the <c>{height}p</c> of its URL), as wide as the
/// source's display aspect gives (even), encoded as H.264 High at <see cref="Level"/>, with an x264 VBV ceiling of
/// <see cref="MaxRateKbps"/> kbit/s.
/// </summary>
public sealed record HlsRendition(int Height, ClipGeometry Geometry, int Level, int MaxRateKbps)
{
    /// <summary>Bits per pixel per frame at the ceiling: 0.1, a generous rate for H.264 (720p at 25 fps: 2.3 Mbit/s).</summary>
    public const double CeilingBitsPerPixel = 0.1;

    /// <summary>The renditions of a picture shown at <paramref name="probe"/>'s display size: every ladder height it reaches (never an enlargement) within <paramref name="maxPixels"/>, else one at its own height.</summary>
    public static IReadOnlyList<HlsRendition> For(VideoProbe probe, IReadOnlyList<int> ladder, long maxPixels)
    {
        var fps = probe.FrameRate is > 0 and < 1000 ? probe.FrameRate : 30;
        var renditions = ladder
            .Where(height => height <= probe.DisplayHeight)
            .Select(height => Of(probe, height, fps))
            .Where(rendition => rendition.Geometry.Pixels <= maxPixels)
            .ToList();
        return renditions.Count > 0 ? renditions : [Of(probe, Math.Max(2, probe.DisplayHeight / 2 * 2), fps)];
    }

    /// <summary>The frame size, like <c>1280x720</c>, for the playlist's RESOLUTION.</summary>
    public string Resolution => string.Create(CultureInfo.InvariantCulture, $"{Geometry.Width}x{Geometry.Height}");

    private static HlsRendition Of(VideoProbe probe, int height, double fps)
    {
        var geometry = ClipGeometry.For(new ClipRequest("mp4", null, height, FitMode.Clip, CropGravity.Center, null, null, new Rgba(0, 0, 0, 255), 0, null, null, ClipRequest.DefaultQuality, true), probe.DisplayWidth, probe.DisplayHeight);
        var kbps = (int)Math.Max(300, Math.Ceiling(geometry.Pixels * fps * CeilingBitsPerPixel / 1000));
        return new HlsRendition(geometry.Height, geometry, H264Level.For(geometry.Width, geometry.Height, fps), kbps);
    }
}
