using System.Globalization;

namespace MediaEdge.Video.Streaming;

/// <summary>
/// The lowest H.264 level whose frame size and macroblock rate hold a stream (ITU-T H.264 Table A-1), for the encoder's
/// <c>-level</c> and the playlist's <c>CODECS</c> attribute (RFC 6381: <c>avc1.64</c> High profile, then the level in hex).
/// </summary>
public static class H264Level
{
    private static readonly (int Level, long MaxFrameMacroblocks, long MaxMacroblocksPerSecond)[] Table =
    [
        (30, 1620, 40_500), (31, 3600, 108_000), (32, 5120, 216_000), (40, 8192, 245_760), (42, 8704, 522_240),
        (50, 22_080, 589_824), (51, 36_864, 983_040), (52, 36_864, 2_073_600),
    ];

    /// <summary>The level times ten (31 for 3.1) of a <paramref name="width"/> × <paramref name="height"/> stream at <paramref name="fps"/> frames a second; 52 past every row.</summary>
    public static int For(int width, int height, double fps)
    {
        var frame = (long)Math.Ceiling(width / 16.0) * (long)Math.Ceiling(height / 16.0);
        var rate = frame * Math.Max(1, fps);
        return Table.FirstOrDefault(row => frame <= row.MaxFrameMacroblocks && rate <= row.MaxMacroblocksPerSecond).Level is var level and > 0 ? level : 52;
    }

    /// <summary>ffmpeg's <c>-level:v</c> value, like <c>3.1</c>.</summary>
    public static string Name(int level) => (level / 10.0).ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>The RFC 6381 codec of High profile at <paramref name="level"/>, like <c>avc1.64001f</c>.</summary>
    public static string Codec(int level) => string.Create(CultureInfo.InvariantCulture, $"avc1.6400{level:x2}");
}
