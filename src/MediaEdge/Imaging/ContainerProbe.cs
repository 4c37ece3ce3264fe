using System.Buffers.Binary;

namespace MediaEdge.Imaging;

/// <summary>
/// Reads what decoders only learn late (frame counts, WebP alpha, a JPEG's end) from the container itself,
/// in one bounded pass over the bytes, so limits hold before any frame is decoded.
/// </summary>
public static class ContainerProbe
{
    /// <summary>A GIF's logical screen size; (0, 0) where the header is cut short.</summary>
    public static (int Width, int Height) ReadGifSize(ReadOnlySpan<byte> gif) =>
        gif.Length < 10 ? (0, 0) : (BinaryPrimitives.ReadUInt16LittleEndian(gif.Slice(6, 2)), BinaryPrimitives.ReadUInt16LittleEndian(gif.Slice(8, 2)));

    /// <summary>Counts a GIF's image descriptors; a truncated file counts the frames it has.</summary>
    public static int CountGifFrames(ReadOnlySpan<byte> gif)
    {
        if (gif.Length < 13)
        {
            return 0;
        }

        var pos = 13;
        var packed = gif[10];
        if ((packed & 0x80) != 0)
        {
            pos += 3 * (1 << ((packed & 7) + 1));
        }

        var frames = 0;
        while (pos < gif.Length)
        {
            switch (gif[pos])
            {
                case 0x2C:
                    if (pos + 10 > gif.Length)
                    {
                        return frames;
                    }

                    var local = gif[pos + 9];
                    pos += 10;
                    if ((local & 0x80) != 0)
                    {
                        pos += 3 * (1 << ((local & 7) + 1));
                    }

                    pos += 1;
                    pos = SkipSubBlocks(gif, pos);
                    frames++;
                    break;
                case 0x21:
                    pos = SkipSubBlocks(gif, pos + 2);
                    break;
                default:
                    return frames;
            }
        }

        return frames;
    }

    /// <summary>Frames and alpha of a WebP, from its VP8X flags, ANMF chunks and VP8L header.</summary>
    public static (int Frames, bool HasAlpha) ReadWebp(ReadOnlySpan<byte> webp)
    {
        var frames = 0;
        var alpha = false;
        var pos = 12;
        while (pos + 8 <= webp.Length)
        {
            var fourCc = webp.Slice(pos, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(webp.Slice(pos + 4, 4));
            var body = pos + 8;
            if (fourCc.SequenceEqual("VP8X"u8) && body < webp.Length)
            {
                alpha |= (webp[body] & 0x10) != 0;
            }
            else if (fourCc.SequenceEqual("ANMF"u8))
            {
                frames++;
            }
            else if (fourCc.SequenceEqual("ALPH"u8))
            {
                alpha = true;
            }
            else if (fourCc.SequenceEqual("VP8L"u8) && body + 5 <= webp.Length)
            {
                alpha |= (webp[body + 4] & 0x10) != 0;
            }

            // A chunk claiming more than is left ends the walk; stepping over it would overflow pos.
            if (size > (long)webp.Length - body)
            {
                break;
            }

            pos = body + (int)size + (int)(size & 1);
        }

        return (Math.Max(frames, 1), alpha);
    }

    /// <summary>True where a JPEG's first scan is followed by its end marker (FF D9), that is, the file is whole.</summary>
    public static bool JpegHasEnd(ReadOnlySpan<byte> jpeg)
    {
        // Walk the header segments (an EXIF thumbnail inside APP1 has its own scan and end marker) to the first SOS;
        // byte stuffing keeps FF D9 out of scan data, so one after it is the real end.
        var pos = 2;
        while (pos + 4 <= jpeg.Length)
        {
            if (jpeg[pos] != 0xFF)
            {
                return false;
            }

            var marker = jpeg[pos + 1];
            if (marker == 0xFF)
            {
                pos++;
                continue;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(jpeg.Slice(pos + 2, 2));
            if (marker == 0xDA)
            {
                var scan = pos + 2 + length;
                return scan < jpeg.Length && jpeg[scan..].IndexOf([(byte)0xFF, (byte)0xD9]) >= 0;
            }

            pos += 2 + length;
        }

        return false;
    }

    /// <summary>True where a PNG's colour type carries alpha (4, 6) or a tRNS chunk marks a transparent colour.</summary>
    public static bool PngHasAlpha(ReadOnlySpan<byte> png)
    {
        if (png.Length < 26)
        {
            return false;
        }

        var colorType = png[25];
        if (colorType is 4 or 6)
        {
            return true;
        }

        var pos = 8;
        while (pos + 8 <= png.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(png.Slice(pos, 4));
            var type = png.Slice(pos + 4, 4);
            if (type.SequenceEqual("tRNS"u8))
            {
                return true;
            }

            if (type.SequenceEqual("IDAT"u8) || length > (long)png.Length - pos - 12)
            {
                return false;
            }

            pos += 12 + (int)length;
        }

        return false;
    }

    private static int SkipSubBlocks(ReadOnlySpan<byte> data, int pos)
    {
        while (pos < data.Length)
        {
            var length = data[pos];
            pos += 1 + length;
            if (length == 0)
            {
                break;
            }
        }

        return pos;
    }
}
