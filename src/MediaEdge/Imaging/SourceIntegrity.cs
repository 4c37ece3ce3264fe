using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using MediaEdge.Requests;

namespace MediaEdge.Imaging;

/// <summary>
/// Finds what leaves part of a source's picture missing, where decoders fill the gap (black or grey rows, a half-drawn
/// frame) and call it a success: image data cut short, a checksum that fails, a header no encoder writes. Each check
/// reads the container the way the format's reference decoder does, so that a file it renders whole is never refused
/// (trailing bytes, a missing trailer, unknown chunks pass). JPEG has its own (<see cref="JpegCompleteness"/>).
/// </summary>
public static class SourceIntegrity
{
    private const string Upload = " Upload the whole file again.";

    /// <summary>
    /// Throws a 422 naming the fault where the image data cannot be whole. The structure alone is cheap (engines check it
    /// while identifying, before the size limits); <paramref name="thorough"/> also checks a PNG's CRCs and inflates its data,
    /// and counts every GIF frame's LZW codes, which costs about what decoding does, for decoders that would not notice.
    /// </summary>
    public static void Check(ReadOnlySpan<byte> source, SourceFormat format, bool thorough)
    {
        var fault = format switch
        {
            SourceFormat.Png => PngFault(source, thorough),
            SourceFormat.Gif => GifFault(source, thorough),
            SourceFormat.Bmp => BmpFault(source),
            SourceFormat.Tiff => TiffFault(source),
            SourceFormat.Webp => WebpFault(source),
            _ => null,
        };
        if (fault is not null)
        {
            throw Problems.Undecodable(fault);
        }
    }

    /// <summary>A BMP header no encoder writes (bits per pixel, compression).</summary>
    private static string? BmpHeaderFault(ReadOnlySpan<byte> bmp)
    {
        if (bmp.Length < 26)
        {
            return "The BMP is cut short inside its header." + Upload;
        }

        var headerSize = BinaryPrimitives.ReadInt32LittleEndian(bmp.Slice(14, 4));
        if (headerSize < 40)
        {
            return null;
        }

        if (bmp.Length < 34)
        {
            return "The BMP is cut short inside its header." + Upload;
        }

        int bits = BinaryPrimitives.ReadUInt16LittleEndian(bmp.Slice(28, 2));
        var compression = BinaryPrimitives.ReadUInt32LittleEndian(bmp.Slice(30, 4));
        if (bits is not (1 or 2 or 4 or 8 or 16 or 24 or 32 or 64))
        {
            return $"The BMP declares {bits} bits per pixel; a BMP has 1, 2, 4, 8, 16, 24, 32 or 64, so its pixels cannot be read.";
        }

        if (compression is > 6 and not (11 or 12 or 13))
        {
            return $"The BMP declares compression {compression}, which no BMP has (0 to 6: none, RLE, bit fields, JPEG, PNG), so its pixels cannot be read.";
        }

        return null;
    }

    private static string? BmpFault(ReadOnlySpan<byte> bmp)
    {
        if (BmpHeaderFault(bmp) is { } header)
        {
            return header;
        }

        var headerSize = BinaryPrimitives.ReadInt32LittleEndian(bmp.Slice(14, 4));
        long width, height, bits, compression = 0;
        if (headerSize == 12)
        {
            width = BinaryPrimitives.ReadUInt16LittleEndian(bmp.Slice(18, 2));
            height = BinaryPrimitives.ReadUInt16LittleEndian(bmp.Slice(20, 2));
            bits = BinaryPrimitives.ReadUInt16LittleEndian(bmp.Slice(24, 2));
        }
        else
        {
            width = BinaryPrimitives.ReadInt32LittleEndian(bmp.Slice(18, 4));
            height = Math.Abs((long)BinaryPrimitives.ReadInt32LittleEndian(bmp.Slice(22, 4)));
            bits = BinaryPrimitives.ReadUInt16LittleEndian(bmp.Slice(28, 2));
            compression = BinaryPrimitives.ReadUInt32LittleEndian(bmp.Slice(30, 4));
        }

        // Only uncompressed rows have a size known in advance; RLE streams end where their end code says.
        if (compression is not (0 or 3 or 6) || width <= 0)
        {
            return null;
        }

        var offset = BinaryPrimitives.ReadUInt32LittleEndian(bmp.Slice(10, 4));
        var stride = ((width * bits) + 31) / 32 * 4;
        var needed = offset + (stride * height);
        return needed > bmp.Length
            ? $"The BMP is truncated: its {width}x{height} pixels need {needed} bytes, and the file has {bmp.Length}." + Upload
            : null;
    }

    /// <summary>
    /// Every frame's LZW data must code all its pixels; where a file stops after the data, without the sub-blocks'
    /// terminator or the trailer, the frame is whole (browsers and libnsgif without fail-on draw it all), and a cut
    /// inside the data is truncated. Only the data's codes are counted, not drawn: for the frame the file stops in, and
    /// where <paramref name="thorough"/>, for every frame (an undefined code is corrupt data).
    /// </summary>
    private static string? GifFault(ReadOnlySpan<byte> gif, bool thorough)
    {
        if (gif.Length < 13)
        {
            return "The GIF is cut short inside its header." + Upload;
        }

        var pos = 13;
        if ((gif[10] & 0x80) != 0)
        {
            pos += 3 * (1 << ((gif[10] & 7) + 1));
        }

        var images = 0;
        while (pos < gif.Length)
        {
            switch (gif[pos])
            {
                case 0x2C:
                    if (pos + 10 > gif.Length)
                    {
                        return $"The GIF is truncated: it stops inside the descriptor of frame {images + 1}." + Upload;
                    }

                    var pixels = (long)BinaryPrimitives.ReadUInt16LittleEndian(gif.Slice(pos + 5, 2)) * BinaryPrimitives.ReadUInt16LittleEndian(gif.Slice(pos + 7, 2));
                    var local = gif[pos + 9];
                    pos += 10 + ((local & 0x80) != 0 ? 3 * (1 << ((local & 7) + 1)) : 0);
                    if (pos >= gif.Length)
                    {
                        return $"The GIF is truncated: it stops before the image data of frame {images + 1}." + Upload;
                    }

                    var minimumCodeSize = gif[pos++];
                    var start = pos;
                    var terminated = SubBlocksEnd(gif, ref pos);
                    if (terminated && !thorough)
                    {
                        images++;
                        break;
                    }

                    var coded = LzwPixels(gif[start..Math.Min(pos, gif.Length)], minimumCodeSize, pixels);
                    if (coded < 0)
                    {
                        return $"The GIF's image data of frame {images + 1} is corrupt: it holds an LZW code that was never defined.";
                    }

                    if (coded < pixels && !terminated)
                    {
                        return $"The GIF is truncated: the image data of frame {images + 1} stops after {coded} of its {pixels} pixels." + Upload;
                    }

                    images++;
                    break;
                case 0x21:
                    pos += 2;
                    if (!SubBlocksEnd(gif, ref pos))
                    {
                        return images == 0 ? "The GIF is truncated: it stops before its first frame." + Upload : null;
                    }

                    break;
                default:
                    // The trailer (0x3B), or bytes after the last frame that decoders ignore.
                    pos = gif.Length;
                    break;
            }
        }

        return images == 0 ? "The GIF is truncated: it holds no frame." + Upload : null;
    }

    /// <summary>
    /// How many pixels a frame's LZW sub-blocks code, up to <paramref name="limit"/> (the end code or the data's end
    /// stops it); -1 for a code not yet defined, which decoders take as corrupt data.
    /// </summary>
    private static long LzwPixels(ReadOnlySpan<byte> subBlocks, int minimumCodeSize, long limit)
    {
        if (minimumCodeSize is < 2 or > 11)
        {
            return -1;
        }

        Span<int> lengths = stackalloc int[4096];
        int clear = 1 << minimumCodeSize, end = clear + 1;
        int size = minimumCodeSize + 1, next = clear + 2, previous = -1;
        long pixels = 0;
        int buffer = 0, bits = 0, pos = 0, blockLeft = 0;
        while (pixels < limit)
        {
            while (bits < size)
            {
                if (blockLeft == 0)
                {
                    if (pos >= subBlocks.Length || subBlocks[pos] == 0)
                    {
                        return pixels;
                    }

                    blockLeft = subBlocks[pos++];
                }

                if (pos >= subBlocks.Length)
                {
                    return pixels;
                }

                buffer |= subBlocks[pos++] << bits;
                bits += 8;
                blockLeft--;
            }

            var code = buffer & ((1 << size) - 1);
            buffer >>= size;
            bits -= size;
            if (code == clear)
            {
                (size, next, previous) = (minimumCodeSize + 1, clear + 2, -1);
                continue;
            }

            if (code == end)
            {
                return pixels;
            }

            int length;
            if (code < clear)
            {
                length = 1;
            }
            else if (code < next && previous >= 0)
            {
                length = lengths[code];
            }
            else if (code == next && previous >= 0)
            {
                length = (previous < clear ? 1 : lengths[previous]) + 1;
            }
            else
            {
                return -1;
            }

            if (previous >= 0 && next < 4096)
            {
                lengths[next] = (previous < clear ? 1 : lengths[previous]) + 1;
                next++;
                if (next == 1 << size && size < 12)
                {
                    size++;
                }
            }

            previous = code;
            pixels += length;
        }

        return pixels;
    }

    private static bool SubBlocksEnd(ReadOnlySpan<byte> data, ref int pos)
    {
        while (pos < data.Length)
        {
            var length = data[pos];
            pos += 1 + length;
            if (length == 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Each image chunk (VP8, VP8L, ALPH, ANMF) must be whole; the RIFF size itself is not trusted (writers get its padding wrong).</summary>
    private static string? WebpFault(ReadOnlySpan<byte> webp)
    {
        var pos = 12;
        var images = 0;
        while (pos + 8 <= webp.Length)
        {
            var fourCc = webp.Slice(pos, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(webp.Slice(pos + 4, 4));
            var image = fourCc.SequenceEqual("VP8 "u8) || fourCc.SequenceEqual("VP8L"u8) || fourCc.SequenceEqual("ALPH"u8) || fourCc.SequenceEqual("ANMF"u8);
            if (size > (long)webp.Length - pos - 8)
            {
                return image || images == 0
                    ? $"The WebP is truncated: its {System.Text.Encoding.ASCII.GetString(fourCc).Trim()} chunk declares {size} bytes, and only {webp.Length - pos - 8} follow." + Upload
                    : null;
            }

            images += image ? 1 : 0;
            pos += 8 + (int)size + (int)(size & 1);
        }

        return images == 0 ? "The WebP is truncated: it holds no image data." + Upload : null;
    }

    /// <summary>The first page's strips or tiles must lie inside the file.</summary>
    private static string? TiffFault(ReadOnlySpan<byte> tiff)
    {
        if (tiff.Length < 8)
        {
            return "The TIFF is cut short inside its header." + Upload;
        }

        var big = tiff[0] == (byte)'M';
        var ifd = ContainerProbe.TiffU32(tiff, big, 4);
        var count = ifd + 2 <= tiff.Length ? ContainerProbe.TiffU16(tiff, big, ifd) : 0;
        if (ifd + 2 > tiff.Length || ifd + 2 + (12L * count) > tiff.Length)
        {
            return "The TIFF is truncated: its first directory lies past the end of the file." + Upload;
        }

        (long At, int Type, long Count)? offsets = null, counts = null;
        for (var i = 0; i < count; i++)
        {
            var entry = ifd + 2 + (12L * i);
            var tag = ContainerProbe.TiffU16(tiff, big, entry);
            if (tag is 273 or 279 or 324 or 325)
            {
                var type = ContainerProbe.TiffU16(tiff, big, entry + 2);
                var n = ContainerProbe.TiffU32(tiff, big, entry + 4);
                var width = type == 3 ? 2 : 4;

                // Values that fit in the entry are held there; more sit at the offset it gives.
                var at = n * width <= 4 ? entry + 8 : ContainerProbe.TiffU32(tiff, big, entry + 8);
                var field = (at, type, n);
                if (tag is 273 or 324)
                {
                    offsets = field;
                }
                else
                {
                    counts = field;
                }
            }
        }

        if (offsets is not { } o || counts is not { } c || o.Count != c.Count || o.Type is not (3 or 4) || c.Type is not (3 or 4))
        {
            return null;
        }

        for (long i = 0; i < o.Count; i++)
        {
            var start = TiffValue(tiff, big, o.At, o.Type, i);
            var length = TiffValue(tiff, big, c.At, c.Type, i);
            if (start == long.MaxValue || length == long.MaxValue)
            {
                return "The TIFF is truncated: its strip table lies past the end of the file." + Upload;
            }

            if (start + length > tiff.Length)
            {
                return $"The TIFF is truncated: strip {i + 1} of {o.Count} ends at byte {start + length}, and the file has {tiff.Length}." + Upload;
            }
        }

        return null;
    }

    /// <summary>The i-th SHORT or LONG of a TIFF field's values; long.MaxValue where it lies past the end.</summary>
    private static long TiffValue(ReadOnlySpan<byte> tiff, bool big, long at, int type, long i)
    {
        var width = type == 3 ? 2 : 4;
        return at + ((i + 1) * width) > tiff.Length ? long.MaxValue
            : type == 3 ? ContainerProbe.TiffU16(tiff, big, at + (i * 2)) : ContainerProbe.TiffU32(tiff, big, at + (i * 4));
    }

    /// <summary>
    /// As libpng: the critical chunks' CRCs must hold, and the image data must inflate to every row the header declares
    /// (a file that stops after its data, without IEND, is whole).
    /// </summary>
    private static string? PngFault(ReadOnlySpan<byte> png, bool thorough)
    {
        if (png.Length < 33 || !png.Slice(12, 4).SequenceEqual("IHDR"u8))
        {
            return "The PNG is cut short inside its header." + Upload;
        }

        var width = BinaryPrimitives.ReadUInt32BigEndian(png.Slice(16, 4));
        var height = BinaryPrimitives.ReadUInt32BigEndian(png.Slice(20, 4));
        int depth = png[24], colourType = png[25], interlace = png[28];
        var channels = colourType switch { 0 => 1, 2 => 3, 3 => 1, 4 => 2, 6 => 4, _ => 0 };
        if (channels == 0 || width == 0 || height == 0)
        {
            return null;
        }

        var needed = RowBytes(width, height, depth * channels, interlace == 1);
        var pos = 8;
        var firstData = -1;
        var dataEnd = -1;
        while (pos + 8 <= png.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(png.Slice(pos, 4));
            var type = png.Slice(pos + 4, 4);
            var isData = type.SequenceEqual("IDAT"u8);
            if (length > (long)png.Length - pos - 12)
            {
                if (isData || firstData < 0)
                {
                    return $"The PNG is truncated: it stops inside its '{System.Text.Encoding.ASCII.GetString(type)}' chunk." + Upload;
                }

                break;
            }

            var critical = (type[0] & 0x20) == 0;
            if (critical && !isData && !type.SequenceEqual("IEND"u8) && !type.SequenceEqual("IHDR"u8) && !type.SequenceEqual("PLTE"u8))
            {
                return $"The PNG holds a critical chunk '{System.Text.Encoding.ASCII.GetString(type)}' that no decoder knows.";
            }

            // IEND's CRC is not checked: by then every decoder has the whole picture.
            if (thorough && critical && !type.SequenceEqual("IEND"u8) && Crc32.HashToUInt32(png.Slice(pos + 4, 4 + (int)length)) != BinaryPrimitives.ReadUInt32BigEndian(png.Slice(pos + 8 + (int)length, 4)))
            {
                return $"The PNG's {System.Text.Encoding.ASCII.GetString(type)} chunk fails its CRC check: its image data is corrupt." + Upload;
            }

            if (isData)
            {
                if (firstData >= 0 && dataEnd >= 0)
                {
                    return "The PNG's image data (IDAT) is split by other chunks, which no decoder reads.";
                }

                firstData = firstData < 0 ? pos : firstData;
            }
            else if (firstData >= 0 && dataEnd < 0)
            {
                dataEnd = pos;
            }

            if (type.SequenceEqual("IEND"u8))
            {
                break;
            }

            pos += 12 + (int)length;
        }

        if (firstData < 0)
        {
            return "The PNG is truncated: it holds no image data (IDAT)." + Upload;
        }

        if (!thorough)
        {
            return null;
        }

        var inflated = Inflate(png, firstData, dataEnd < 0 ? Math.Min(pos, png.Length) : dataEnd, needed, out var error);
        return inflated >= needed ? null
            : error is not null ? $"The PNG's image data is corrupt: its compressed stream breaks after {inflated} of the {needed} bytes its {width}x{height} pixels need."
            : $"The PNG's image data is cut short: it holds {inflated} of the {needed} bytes its {width}x{height} pixels need." + Upload;
    }

    /// <summary>Filtered bytes the rows hold (a filter byte each), over the seven Adam7 passes where interlaced.</summary>
    private static long RowBytes(long width, long height, int bitsPerPixel, bool interlaced)
    {
        static long Rows(long w, long h, int bits) => w == 0 || h == 0 ? 0 : h * (1 + (((w * bits) + 7) / 8));
        if (!interlaced)
        {
            return Rows(width, height, bitsPerPixel);
        }

        ReadOnlySpan<int> x0 = [0, 4, 0, 2, 0, 1, 0], dx = [8, 8, 4, 4, 2, 2, 1], y0 = [0, 0, 4, 0, 2, 0, 1], dy = [8, 8, 8, 4, 4, 2, 2];
        long total = 0;
        for (var pass = 0; pass < 7; pass++)
        {
            var w = width > x0[pass] ? (width - x0[pass] + dx[pass] - 1) / dx[pass] : 0;
            var h = height > y0[pass] ? (height - y0[pass] + dy[pass] - 1) / dy[pass] : 0;
            total += Rows(w, h, bitsPerPixel);
        }

        return total;
    }

    /// <summary>Inflates the IDAT chunks between the two offsets, up to <paramref name="needed"/> bytes, counting what comes out.</summary>
    private static long Inflate(ReadOnlySpan<byte> png, int from, int to, long needed, out string? error)
    {
        var data = ArrayPool<byte>.Shared.Rent(to - from);
        var output = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            // The payloads joined: the zlib stream runs across chunk boundaries.
            var length = 0;
            for (var pos = from; pos + 8 <= to;)
            {
                var size = (int)BinaryPrimitives.ReadUInt32BigEndian(png.Slice(pos, 4));
                png.Slice(pos + 8, size).CopyTo(data.AsSpan(length));
                length += size;
                pos += 12 + size;
            }

            long total = 0;
            error = null;
            try
            {
                using var zlib = new ZLibStream(new MemoryStream(data, 0, length, writable: false), CompressionMode.Decompress);
                int read;
                while (total < needed && (read = zlib.Read(output, 0, output.Length)) > 0)
                {
                    total += read;
                }
            }
            catch (InvalidDataException e)
            {
                error = e.Message;
            }

            return total;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(data);
            ArrayPool<byte>.Shared.Return(output);
        }
    }
}
