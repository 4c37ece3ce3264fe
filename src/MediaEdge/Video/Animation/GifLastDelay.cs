namespace MediaEdge.Video.Animation;

/// <summary>
/// The delay of a GIF's last frame, read from its blocks (GIF89a: each image's Graphic Control Extension), in
/// hundredths of a second, with ffmpeg's gif demuxer rule for the ones browsers also treat as "as fast as possible":
/// a delay under 2 counts as 10.
/// </summary>
public static class GifLastDelay
{
    /// <summary>ffmpeg's <c>default_delay</c> (hundredths) for a delay under its <c>min_delay</c> of 2.</summary>
    public const int DefaultHundredths = 10;

    /// <summary>The last image's delay in hundredths of a second; null where the bytes are not a GIF whose blocks can be walked to an image.</summary>
    public static int? Of(ReadOnlySpan<byte> gif)
    {
        if (gif.Length < 13 || !gif[..3].SequenceEqual("GIF"u8))
        {
            return null;
        }

        var at = 13 + ColourTable(gif[10]);
        int? pending = null;
        int? last = null;
        while (at < gif.Length)
        {
            switch (gif[at])
            {
                case 0x21 when at + 1 < gif.Length:
                    if (gif[at + 1] == 0xF9 && at + 6 < gif.Length)
                    {
                        pending = gif[at + 4] | (gif[at + 5] << 8);
                    }

                    at = SkipSubBlocks(gif, at + 2);
                    break;
                case 0x2C when at + 10 < gif.Length:
                    last = pending is { } delay && delay >= 2 ? delay : DefaultHundredths;
                    pending = null;
                    at = SkipSubBlocks(gif, at + 10 + ColourTable(gif[at + 9]) + 1);
                    break;
                default:
                    // The trailer (0x3B), or bytes that are not a block: what was read so far stands.
                    return last;
            }
        }

        return last;
    }

    private static int ColourTable(byte packed) => (packed & 0x80) != 0 ? 3 << ((packed & 0x07) + 1) : 0;

    private static int SkipSubBlocks(ReadOnlySpan<byte> gif, int at)
    {
        while (at < gif.Length && gif[at] != 0)
        {
            at += gif[at] + 1;
        }

        return at + 1;
    }
}
