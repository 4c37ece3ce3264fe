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

    /// <summary>True where a GIF stops inside a frame's data sub-blocks, before their terminator (and the trailer).</summary>
    public static bool GifEndsInsideData(ReadOnlySpan<byte> gif)
    {
        if (gif.Length < 13)
        {
            return false;
        }

        var pos = 13 + ((gif[10] & 0x80) != 0 ? 3 * (1 << ((gif[10] & 7) + 1)) : 0);
        while (pos < gif.Length)
        {
            var image = gif[pos] == 0x2C;
            if (image && pos + 10 <= gif.Length)
            {
                var local = gif[pos + 9];
                pos += 10 + ((local & 0x80) != 0 ? 3 * (1 << ((local & 7) + 1)) : 0) + 1;
            }
            else if (gif[pos] == 0x21)
            {
                pos += 2;
            }
            else
            {
                return false;
            }

            while (pos < gif.Length && gif[pos] != 0)
            {
                pos += 1 + gif[pos];
            }

            if (pos >= gif.Length)
            {
                return image;
            }

            pos++;
        }

        return false;
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

    /// <summary>The frame header's marker (0xC0 baseline … 0xCF) and sample precision; (0, 0) where none comes before the data ends.</summary>
    public static (int Marker, int Precision) ReadJpegFrame(ReadOnlySpan<byte> jpeg)
    {
        var pos = 2;
        while (pos + 4 < jpeg.Length)
        {
            if (jpeg[pos] != 0xFF)
            {
                pos++;
                continue;
            }

            var marker = jpeg[pos + 1];
            if (marker is 0xFF or 0x01 or (>= 0xD0 and <= 0xD8))
            {
                pos += marker == 0xFF ? 1 : 2;
                continue;
            }

            if (marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC))
            {
                return (marker, jpeg[pos + 4]);
            }

            if (marker is 0xDA or 0xD9)
            {
                break;
            }

            pos += 2 + BinaryPrimitives.ReadUInt16BigEndian(jpeg.Slice(pos + 2, 2));
        }

        return (0, 0);
    }

    /// <summary>
    /// True for a lossless (SOF3) JPEG of three components in YCbCr: neither named R, G, B nor marked RGB by an Adobe
    /// segment (transform 0), as JFIF reads three components.
    /// </summary>
    public static bool JpegIsLosslessYcc(ReadOnlySpan<byte> jpeg)
    {
        var adobeRgb = false;
        var pos = 2;
        while (pos + 4 < jpeg.Length && jpeg[pos] == 0xFF)
        {
            var marker = jpeg[pos + 1];
            var length = BinaryPrimitives.ReadUInt16BigEndian(jpeg.Slice(pos + 2, 2));
            var body = jpeg.Slice(pos + 4, Math.Max(0, Math.Min(length - 2, jpeg.Length - pos - 4)));
            if (marker == 0xEE && body.Length >= 12 && body.StartsWith("Adobe"u8))
            {
                adobeRgb = body[11] == 0;
            }
            else if (marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC))
            {
                return marker == 0xC3 && body.Length >= 15 && body[5] == 3 && !adobeRgb && !(body[6] == 'R' && body[9] == 'G' && body[12] == 'B');
            }

            pos += 2 + length;
        }

        return false;
    }

    /// <summary>
    /// The fields of a TIFF's first page that decide whether an engine can read it (0 where absent), its orientation tag, and
    /// where its link to a second page sits (0 where it has none); null where the first directory lies outside the file.
    /// </summary>
    public static TiffPage? ReadTiff(ReadOnlySpan<byte> tiff)
    {
        if (tiff.Length < 8)
        {
            return null;
        }

        var big = tiff[0] == (byte)'M';
        var ifd = TiffU32(tiff, big, 4);
        if (ifd < 8 || ifd + 2 > (uint)tiff.Length)
        {
            return null;
        }

        var count = TiffU16(tiff, big, (int)ifd);
        var end = (int)ifd + 2 + (12 * count);
        if (end + 4 > tiff.Length)
        {
            return null;
        }

        int compression = 1, photometric = -1, sampleFormat = 1, bits = 1, orientation = 1;
        for (var i = 0; i < count; i++)
        {
            var entry = (int)ifd + 2 + (12 * i);
            var tag = TiffU16(tiff, big, entry);
            var type = TiffU16(tiff, big, entry + 2);

            // The first value of a SHORT or LONG field held in the entry itself (where every field here lives for one value).
            var value = type == 3 ? TiffU16(tiff, big, entry + 8) : type == 4 ? (int)Math.Min(TiffU32(tiff, big, entry + 8), int.MaxValue) : 0;
            var valueCount = TiffU32(tiff, big, entry + 4);
            if (type == 3 && valueCount > 2 && tag is 258 or 339 && TiffU32(tiff, big, entry + 8) is var at && at + 2 <= (uint)tiff.Length)
            {
                // Three or more SHORTs (one per sample) sit elsewhere; the first speaks for all.
                value = TiffU16(tiff, big, (int)at);
            }

            switch (tag)
            {
                case 258: bits = value; break;
                case 259: compression = value; break;
                case 262: photometric = value; break;
                case 274: orientation = value is >= 1 and <= 8 ? value : 1; break;
                case 339: sampleFormat = value; break;
            }
        }

        return new TiffPage(compression, photometric, sampleFormat, bits, orientation, TiffU32(tiff, big, end) != 0 ? end : 0);
    }

    /// <summary>A copy of a multi-page TIFF that ends after its first page (the link to the second zeroed), for decoders that read every page.</summary>
    public static byte[] TiffFirstPageOnly(ReadOnlySpan<byte> tiff, TiffPage page)
    {
        var copy = tiff.ToArray();
        if (page.NextPageLink > 0)
        {
            copy.AsSpan(page.NextPageLink, 4).Clear();
        }

        return copy;
    }

    /// <summary>A TIFF's 32-bit value at an offset, in its byte order ('MM' big-endian).</summary>
    internal static uint TiffU32(ReadOnlySpan<byte> tiff, bool big, long at) =>
        big ? BinaryPrimitives.ReadUInt32BigEndian(tiff.Slice((int)at, 4)) : BinaryPrimitives.ReadUInt32LittleEndian(tiff.Slice((int)at, 4));

    internal static int TiffU16(ReadOnlySpan<byte> tiff, bool big, long at) =>
        big ? BinaryPrimitives.ReadUInt16BigEndian(tiff.Slice((int)at, 2)) : BinaryPrimitives.ReadUInt16LittleEndian(tiff.Slice((int)at, 2));

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
