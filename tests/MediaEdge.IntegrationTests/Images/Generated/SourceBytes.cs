using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace MediaEdge.IntegrationTests.Images.Generated;

/// <summary>
/// Writes the parts of containers that encoders will not write on request (PNG colour and text chunks, JPEG APPn and COM
/// segments, WebP VP8X chunks, GIF extensions, 32-bit BMP headers), by each format's own layout.
/// </summary>
internal static class SourceBytes
{
    public static byte[] PngChunk(string type, ReadOnlySpan<byte> data)
    {
        var name = Encoding.ASCII.GetBytes(type);
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        name.CopyTo(chunk, 4);
        data.CopyTo(chunk.AsSpan(8));
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32.Append(Crc32.Append(0, name), data));
        return chunk;
    }

    /// <summary>The PNG with <paramref name="chunks"/> placed right after IHDR, and any chunk of the types in <paramref name="drop"/> removed.</summary>
    public static byte[] PngWith(byte[] png, IEnumerable<byte[]> chunks, params string[] drop)
    {
        var output = new List<byte>(png[..8]);
        var pos = 8;
        while (pos + 12 <= png.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(pos));
            var type = Encoding.ASCII.GetString(png, pos + 4, 4);
            if (!drop.Contains(type))
            {
                output.AddRange(png.AsSpan(pos, 12 + length).ToArray());
            }

            if (type == "IHDR")
            {
                foreach (var chunk in chunks)
                {
                    output.AddRange(chunk);
                }
            }

            pos += 12 + length;
        }

        return [.. output];
    }

    /// <summary>gAMA holds the file gamma times 100000: 1.0 for linear samples, 0.45455 for a 2.2 display curve.</summary>
    public static byte[] Gama(double fileGamma)
    {
        var data = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(data, (uint)Math.Round(fileGamma * 100000));
        return PngChunk("gAMA", data);
    }

    /// <summary>cHRM: white, red, green, blue (x, y), each times 100000.</summary>
    public static byte[] Chrm((double X, double Y) white, (double X, double Y) red, (double X, double Y) green, (double X, double Y) blue)
    {
        var data = new byte[32];
        (double X, double Y)[] points = [white, red, green, blue];
        for (var i = 0; i < 4; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(8 * i), (uint)Math.Round(points[i].X * 100000));
            BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan((8 * i) + 4), (uint)Math.Round(points[i].Y * 100000));
        }

        return PngChunk("cHRM", data);
    }

    public static byte[] Srgb() => PngChunk("sRGB", [0]);

    public static byte[] Iccp(byte[] icc, string name = "ICC profile") => PngChunk("iCCP", [.. Encoding.Latin1.GetBytes(name), 0, 0, .. Zlib(icc)]);

    public static byte[] Text(string keyword, string text) => PngChunk("tEXt", [.. Encoding.Latin1.GetBytes(keyword), 0, .. Encoding.Latin1.GetBytes(text)]);

    public static byte[] Ztxt(string keyword, string text) => PngChunk("zTXt", [.. Encoding.Latin1.GetBytes(keyword), 0, 0, .. Zlib(Encoding.Latin1.GetBytes(text))]);

    /// <summary>An iTXt, compressed or not (XMP lives in one keyed "XML:com.adobe.xmp").</summary>
    public static byte[] Itxt(string keyword, string text, bool compressed) =>
        PngChunk("iTXt", [.. Encoding.Latin1.GetBytes(keyword), 0, compressed ? (byte)1 : (byte)0, 0, 0, 0, .. compressed ? Zlib(Encoding.UTF8.GetBytes(text)) : Encoding.UTF8.GetBytes(text)]);

    /// <summary>A palette PNG written directly: 8-bit indices, a PLTE, and a tRNS where <paramref name="alpha"/> is given.</summary>
    public static byte[] PalettePng(int width, int height, byte[] rgbPalette, byte[]? alpha, Func<int, int, byte> index)
    {
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        header[9] = 3;
        var raw = new byte[(width + 1) * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                raw[(y * (width + 1)) + 1 + x] = index(x, y);
            }
        }

        var chunks = new List<byte[]> { PngChunk("IHDR", header), PngChunk("PLTE", rgbPalette) };
        if (alpha is not null)
        {
            chunks.Add(PngChunk("tRNS", alpha));
        }

        chunks.Add(PngChunk("IDAT", Zlib(raw)));
        chunks.Add(PngChunk("IEND", []));
        return [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, .. chunks.SelectMany(c => c)];
    }

    /// <summary>The JPEG with the segments placed after its SOI and APP0 (JFIF), where readers look for them.</summary>
    public static byte[] JpegWith(byte[] jpeg, params (byte Marker, byte[] Payload)[] segments)
    {
        var at = 2;
        if (jpeg[2] == 0xFF && jpeg[3] == 0xE0)
        {
            at += 2 + BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(4));
        }

        var output = new List<byte>(jpeg[..at]);
        foreach (var (marker, payload) in segments)
        {
            output.AddRange([0xFF, marker, (byte)((payload.Length + 2) >> 8), (byte)(payload.Length + 2)]);
            output.AddRange(payload);
        }

        output.AddRange(jpeg[at..]);
        return [.. output];
    }

    /// <summary>APP2 ICC_PROFILE segments, the profile cut into parts of at most 65519 bytes (ICC.1 Annex B.4).</summary>
    public static (byte Marker, byte[] Payload)[] JpegIcc(byte[] icc)
    {
        var parts = icc.Chunk(65519).ToArray();
        return parts.Select((part, i) => ((byte)0xE2, (byte[])[.. "ICC_PROFILE\0"u8, (byte)(i + 1), (byte)parts.Length, .. part])).ToArray();
    }

    /// <summary>A simple (VP8 or VP8L) WebP rewrapped as an extended one (VP8X) holding the given chunks, ICCP before the image, EXIF and XMP after it.</summary>
    public static byte[] WebpWith(byte[] simple, int width, int height, byte[]? icc, byte[]? exif, byte[]? xmp)
    {
        var image = simple.AsSpan(12).ToArray();
        var flags = (byte)((icc is null ? 0 : 0x20) | (exif is null ? 0 : 0x08) | (xmp is null ? 0 : 0x04));
        var vp8x = new byte[10];
        vp8x[0] = flags;
        WriteUInt24(vp8x.AsSpan(4), width - 1);
        WriteUInt24(vp8x.AsSpan(7), height - 1);
        var body = new List<byte>("WEBP"u8.ToArray());
        body.AddRange(RiffChunk("VP8X", vp8x));
        if (icc is not null)
        {
            body.AddRange(RiffChunk("ICCP", icc));
        }

        body.AddRange(image);
        if (exif is not null)
        {
            body.AddRange(RiffChunk("EXIF", exif));
        }

        if (xmp is not null)
        {
            body.AddRange(RiffChunk("XMP ", xmp));
        }

        var riff = new byte[8];
        "RIFF"u8.CopyTo(riff);
        BinaryPrimitives.WriteInt32LittleEndian(riff.AsSpan(4), body.Count);
        return [.. riff, .. body];
    }

    /// <summary>The GIF with the extension blocks placed after its header and global colour table, before the first image.</summary>
    public static byte[] GifWith(byte[] gif, params byte[][] extensions)
    {
        var at = 13 + ((gif[10] & 0x80) != 0 ? 3 * (1 << ((gif[10] & 7) + 1)) : 0);
        return [.. gif.AsSpan(0, at), .. extensions.SelectMany(e => e), .. gif.AsSpan(at)];
    }

    public static byte[] GifComment(string text) => [0x21, 0xFE, .. SubBlocks(Encoding.ASCII.GetBytes(text))];

    /// <summary>An application extension: an 8-byte identifier and 3-byte code ("ICCRGBG1012"), then data sub-blocks.</summary>
    public static byte[] GifApplication(string identifierAndCode, byte[] data) => [0x21, 0xFF, 11, .. Encoding.ASCII.GetBytes(identifierAndCode), .. SubBlocks(data)];

    /// <summary>XMP as Adobe writes it into a GIF: the packet's bytes as they are, then a 258-byte "magic trailer" (1, 255 down to 0, 0) that reads as sub-blocks.</summary>
    public static byte[] GifXmp(byte[] xmp) => [0x21, 0xFF, 11, .. "XMP DataXMP"u8, .. xmp, 1, .. Enumerable.Range(0, 256).Select(i => (byte)(255 - i)), 0];

    /// <summary>A 32-bit BMP, bottom-up: BITMAPINFOHEADER with BI_RGB (alpha in the fourth byte), or BITMAPV4HEADER with BI_BITFIELDS and an alpha mask.</summary>
    public static byte[] Bmp32(int width, int height, bool v4, Func<int, int, (byte R, byte G, byte B, byte A)> pixel)
    {
        var header = v4 ? 108 : 40;
        var offset = 14 + header;
        var bmp = new byte[offset + (width * height * 4)];
        bmp[0] = (byte)'B';
        bmp[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(2), bmp.Length);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(10), offset);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(14), header);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(18), width);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(22), height);
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(28), 32);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(30), v4 ? 3 : 0);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(34), width * height * 4);
        if (v4)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bmp.AsSpan(54), 0x00FF0000);
            BinaryPrimitives.WriteUInt32LittleEndian(bmp.AsSpan(58), 0x0000FF00);
            BinaryPrimitives.WriteUInt32LittleEndian(bmp.AsSpan(62), 0x000000FF);
            BinaryPrimitives.WriteUInt32LittleEndian(bmp.AsSpan(66), 0xFF000000);
            "BGRs"u8.CopyTo(bmp.AsSpan(70));
        }

        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var (r, g, b, a) = pixel(x, y);
                var at = offset + ((((height - 1 - y) * width) + x) * 4);
                (bmp[at], bmp[at + 1], bmp[at + 2], bmp[at + 3]) = (b, g, r, a);
            }
        }

        return bmp;
    }

    /// <summary>
    /// An uncompressed 8-bit RGB TIFF (little-endian, one strip) with extra IFD0 tags, each (tag, field type, count, value
    /// bytes), and an Exif IFD (tag 34665) holding <paramref name="exifTags"/> where given. Encoders write few of these on request.
    /// </summary>
    public static byte[] Tiff(int width, int height, byte[] rgb, (ushort Tag, ushort Type, int Count, byte[] Value)[] tags, (ushort Tag, ushort Type, int Count, byte[] Value)[]? exifTags = null)
    {
        static byte[] Short(int v) => [(byte)v, (byte)(v >> 8)];
        static byte[] Long(int v) => [(byte)v, (byte)(v >> 8), (byte)(v >> 16), (byte)(v >> 24)];
        var entries = new List<(ushort Tag, ushort Type, int Count, byte[] Value)>
        {
            (256, 3, 1, Short(width)),
            (257, 3, 1, Short(height)),
            (258, 3, 3, [.. Short(8), .. Short(8), .. Short(8)]),
            (259, 3, 1, Short(1)),
            (262, 3, 1, Short(2)),
            (273, 4, 1, Long(0)),
            (277, 3, 1, Short(3)),
            (278, 3, 1, Short(height)),
            (279, 4, 1, Long(rgb.Length)),
            (284, 3, 1, Short(1)),
        };
        entries.AddRange(tags);
        if (exifTags is not null)
        {
            entries.Add((34665, 4, 1, Long(0)));
        }

        entries.Sort((a, b) => a.Tag.CompareTo(b.Tag));
        var output = new List<byte>([(byte)'I', (byte)'I', 42, 0, 8, 0, 0, 0]);
        var stripPointer = WriteIfd(output, entries, out var exifPointer);
        if (exifTags is not null)
        {
            Patch(output, exifPointer, output.Count);
            WriteIfd(output, [.. exifTags.OrderBy(t => t.Tag)], out _);
        }

        Patch(output, stripPointer, output.Count);

        output.AddRange(rgb);
        return [.. output];
    }

    private static void Patch(List<byte> output, int at, int value)
    {
        for (var i = 0; i < 4; i++)
        {
            output[at + i] = (byte)(value >> (8 * i));
        }
    }

    /// <summary>Writes an IFD and its out-of-line values at the end of <paramref name="output"/>; returns where the StripOffsets value sits, and where the Exif IFD pointer does.</summary>
    private static int WriteIfd(List<byte> output, List<(ushort Tag, ushort Type, int Count, byte[] Value)> entries, out int exifPointer)
    {
        var start = output.Count;
        var data = start + 2 + (12 * entries.Count) + 4;
        var values = new List<byte>();
        var stripPointer = -1;
        exifPointer = -1;
        output.AddRange([(byte)entries.Count, (byte)(entries.Count >> 8)]);
        foreach (var (tag, type, count, value) in entries)
        {
            var at = output.Count;
            output.AddRange([(byte)tag, (byte)(tag >> 8), (byte)type, (byte)(type >> 8), (byte)count, (byte)(count >> 8), (byte)(count >> 16), (byte)(count >> 24)]);
            if (value.Length <= 4)
            {
                output.AddRange([.. value, .. new byte[4 - value.Length]]);
            }
            else
            {
                var offset = data + values.Count;
                output.AddRange([(byte)offset, (byte)(offset >> 8), (byte)(offset >> 16), (byte)(offset >> 24)]);
                values.AddRange(value);
                if ((values.Count & 1) == 1)
                {
                    values.Add(0);
                }
            }

            stripPointer = tag == 273 ? at + 8 : stripPointer;
            exifPointer = tag == 34665 ? at + 8 : exifPointer;
        }

        output.AddRange([0, 0, 0, 0]);
        output.AddRange(values);
        return stripPointer;
    }

    public static byte[] Zlib(byte[] data)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return output.ToArray();
    }

    private static byte[] RiffChunk(string fourCc, byte[] data) =>
        [.. Encoding.ASCII.GetBytes(fourCc), (byte)data.Length, (byte)(data.Length >> 8), (byte)(data.Length >> 16), (byte)(data.Length >> 24), .. data, .. (data.Length & 1) == 1 ? new byte[] { 0 } : []];

    private static void WriteUInt24(Span<byte> at, int value)
    {
        at[0] = (byte)value;
        at[1] = (byte)(value >> 8);
        at[2] = (byte)(value >> 16);
    }

    private static byte[] SubBlocks(byte[] data) => [.. data.Chunk(255).SelectMany(block => (byte[])[(byte)block.Length, .. block]), 0];
}
