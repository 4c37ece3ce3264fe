using System.Buffers.Binary;
using System.IO.Compression;
using MediaEdge.IntegrationTests.Images.Generated;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.PixelFormats;
using VImage = NetVips.Image;

namespace MediaEdge.IntegrationTests.Images;

/// <summary>
/// Valid files of every supported format, made by the test from one picture, and what real files do to them: benign
/// variations that every decoder reads (trailing bytes, a missing end marker, unknown chunks, unusual tag order) and
/// faults that leave part of the picture missing (cut-short data, bad checksums, impossible headers).
/// </summary>
internal static class SourceVariants
{
    public const int Width = 64;
    public const int Height = 40;

    /// <summary>A source and the base file whose pixels it must decode to.</summary>
    public sealed record Variant(string Name, byte[] Bytes, string Base)
    {
        public override string ToString() => Name;
    }

    /// <summary>A broken source and the word its problem's detail must hold.</summary>
    public sealed record Fault(string Name, byte[] Bytes, string Names)
    {
        public override string ToString() => Name;
    }

    /// <summary>Four quadrants of distinct colour with a gradient, so a flip, a turn or lost rows all show.</summary>
    public static Image<Rgba32> Picture()
    {
        var image = new Image<Rgba32>(Width, Height);
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var left = x < Width / 2;
                var top = y < Height / 2;
                var shade = (byte)(40 + (x * 2));
                image[x, y] = (left, top) switch
                {
                    (true, true) => new Rgba32(220, shade, 40),
                    (false, true) => new Rgba32(40, 200, shade),
                    (true, false) => new Rgba32(shade, 60, 210),
                    _ => new Rgba32(230, 230, (byte)(255 - shade)),
                };
            }
        }

        return image;
    }

    /// <summary>The base files by name: each supported format, written by a real encoder.</summary>
    public static IReadOnlyDictionary<string, byte[]> Bases { get; } = CreateBases();

    public static IEnumerable<Variant> Benign()
    {
        var (jpeg, progressive, png, gif, webp, lossless, bmp) = BaseFiles();

        yield return new("jpeg-trailing-garbage.jpg", [.. jpeg, .. "garbage after the end of the image\0\0\0"u8], "base.jpg");
        yield return new("jpeg-no-eoi.jpg", jpeg[..^2], "base.jpg");
        yield return new("jpeg-progressive-no-eoi.jpg", progressive[..^2], "base-progressive.jpg");
        yield return new("jpeg-extra-app-com.jpg", [.. jpeg[..2], .. Segment(0xEF, "vendor data"u8), .. Segment(0xFE, "a comment"u8), .. Segment(0xE9, new byte[300]), .. jpeg[2..]], "base.jpg");
        yield return new("jpeg-fill-bytes.jpg", InsertBeforeFirst(jpeg, [0xFF, 0xDB], [0xFF, 0xFF, 0xFF]), "base.jpg");
        yield return new("jpeg-no-eoi-trailing-zero.jpg", [.. jpeg[..^2], 0x00], "base.jpg");

        yield return new("png-unknown-ancillary.png", PngWith(png, chunks => chunks.Insert(1, ("prVt", "private ancillary data"u8.ToArray()))), "base.png");
        yield return new("png-unknown-after-idat.png", PngWith(png, chunks => chunks.Insert(chunks.Count - 1, ("teSt", new byte[] { 1, 2, 3 }))), "base.png");
        yield return new("png-no-iend.png", PngWith(png, chunks => chunks.RemoveAt(chunks.Count - 1)), "base.png");
        yield return new("png-trailing-garbage.png", [.. png, .. "trailing bytes"u8], "base.png");
        yield return new("png-idat-100.png", PngWith(png, chunks => SplitIdat(chunks, 100)), "base.png");
        yield return new("png-idat-1.png", PngWith(png, chunks => SplitIdat(chunks, 1)), "base.png");

        yield return new("gif-no-trailer.gif", gif[..^1], "base.gif");
        yield return new("gif-no-terminator-no-trailer.gif", gif[..^2], "base.gif");
        yield return new("gif-trailing-garbage.gif", [.. gif, .. "trailing bytes"u8], "base.gif");
        yield return new("gif-comment.gif", InsertGifExtension(gif, [0x21, 0xFE, 9, .. "a comment"u8, 0]), "base.gif");

        yield return new("webp-trailing-bytes.webp", [.. webp, 0, 0, 0], "base.webp");
        yield return new("webp-riff-counts-pad.webp", WithRiffSize(webp, webp.Length - 8 + 1), "base.webp");
        yield return new("webp-odd-unknown-chunk.webp", AppendRiffChunk(lossless, "XTRA", [1, 2, 3]), "base-lossless.webp");

        yield return new("tiff-tags-descending.tif", Tiff(littleEndian: true, descending: true, trailing: false), "base.tif");
        yield return new("tiff-big-endian.tif", Tiff(littleEndian: false, descending: false, trailing: false), "base.tif");
        yield return new("tiff-trailing-garbage.tif", Tiff(littleEndian: true, descending: false, trailing: true), "base.tif");

        yield return new("bmp-trailing-garbage.bmp", [.. bmp, .. "trailing bytes"u8], "base.bmp");
    }

    public static IEnumerable<Fault> Broken()
    {
        var (jpeg, progressive, png, gif, webp, _, bmp) = BaseFiles();

        yield return new("jpeg-cut-mid-scan.jpg", jpeg[..(int)(jpeg.Length * 0.6)], "truncated");
        yield return new("jpeg-progressive-cut-at-scan.jpg", progressive[..LastIndexOf(progressive, [0xFF, 0xDA])], "truncated");
        yield return new("jpeg-cut-in-header.jpg", jpeg[..40], "truncated");

        yield return new("png-idat-bad-crc.png", PngCorruptIdatCrc(png), "CRC");
        yield return new("png-idat-short-stream.png", PngWith(png, chunks => ShortenImageData(chunks)), "image data");
        yield return new("png-idat-missing-chunk.png", PngWith(png, chunks =>
        {
            SplitIdat(chunks, 20);
            chunks.RemoveAt(chunks.FindIndex(c => c.Type == "IDAT") + 1);
        }), "image data");
        yield return new("png-cut-in-idat.png", png[..(png.Length / 2)], "truncated");

        yield return new("gif-cut-in-lzw.gif", gif[..(gif.Length * 2 / 3)], "GIF");
        yield return new("gif-lzw-undefined-code.gif", GifWithUndefinedCode(gif), "GIF");
        yield return new("bmp-40-bits.bmp", WithBmpField(bmp, 28, 2, 40), "bits");
        yield return new("bmp-bogus-compression.bmp", WithBmpField(bmp, 30, 4, 9), "compression");
        yield return new("bmp-cut-pixels.bmp", bmp[..(bmp.Length / 2)], "BMP");
        yield return new("webp-cut-in-vp8.webp", webp[..(webp.Length * 2 / 3)], "WebP");
        yield return new("tiff-cut-strip.tif", Tiff(littleEndian: true, descending: false, trailing: false, directoryFirst: true)[..^3000], "TIFF");
    }

    /// <summary>The base files the variants and faults are made from, one per format and coding.</summary>
    private static (byte[] Jpeg, byte[] Progressive, byte[] Png, byte[] Gif, byte[] Webp, byte[] Lossless, byte[] Bmp) BaseFiles() =>
        (Bases["base.jpg"], Bases["base-progressive.jpg"], Bases["base.png"], Bases["base.gif"], Bases["base.webp"], Bases["base-lossless.webp"], Bases["base.bmp"]);

    private static Dictionary<string, byte[]> CreateBases()
    {
        using var picture = Picture();
        byte[] Encode(Action<Stream> save)
        {
            using var stream = new MemoryStream();
            save(stream);
            return stream.ToArray();
        }

        var rgba = new byte[Width * Height * 4];
        picture.CopyPixelDataTo(rgba);
        using var vips = VImage.NewFromMemory(rgba, Width, Height, 4, NetVips.Enums.BandFormat.Uchar).ExtractBand(0, n: 3);
        return new Dictionary<string, byte[]>
        {
            ["base.jpg"] = Encode(s => picture.SaveAsJpeg(s, new JpegEncoder { Quality = 95, ColorType = JpegColorType.YCbCrRatio444 })),
            ["base-progressive.jpg"] = vips.JpegsaveBuffer(q: 95, interlace: true, subsampleMode: NetVips.Enums.ForeignSubsample.Off),
            ["base.png"] = Encode(s => picture.SaveAsPng(s, new PngEncoder { ColorType = PngColorType.Rgb })),
            ["base.gif"] = Encode(s => picture.SaveAsGif(s, new GifEncoder())),
            ["base.webp"] = Encode(s => picture.SaveAsWebp(s, new WebpEncoder { FileFormat = WebpFileFormatType.Lossy, Quality = 95 })),
            ["base-lossless.webp"] = Encode(s => picture.SaveAsWebp(s, new WebpEncoder { FileFormat = WebpFileFormatType.Lossless })),
            ["base.tif"] = Tiff(littleEndian: true, descending: false, trailing: false),
            ["base.bmp"] = Encode(s => picture.SaveAsBmp(s, new BmpEncoder { BitsPerPixel = BmpBitsPerPixel.Pixel24 })),
        };
    }

    private static byte[] Segment(byte marker, ReadOnlySpan<byte> body)
    {
        var segment = new byte[4 + body.Length];
        segment[0] = 0xFF;
        segment[1] = marker;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(body.Length + 2));
        body.CopyTo(segment.AsSpan(4));
        return segment;
    }

    private static byte[] InsertBeforeFirst(byte[] data, byte[] pattern, byte[] insert)
    {
        var at = data.AsSpan().IndexOf(pattern);
        return [.. data[..at], .. insert, .. data[at..]];
    }

    private static int LastIndexOf(byte[] data, byte[] pattern) => data.AsSpan().LastIndexOf(pattern);

    private static List<(string Type, byte[] Data)> PngChunks(byte[] png)
    {
        var chunks = new List<(string, byte[])>();
        var pos = 8;
        while (pos + 12 <= png.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(pos));
            chunks.Add((System.Text.Encoding.ASCII.GetString(png, pos + 4, 4), png[(pos + 8)..(pos + 8 + length)]));
            pos += 12 + length;
        }

        return chunks;
    }

    private static byte[] PngBytes(IEnumerable<(string Type, byte[] Data)> chunks) =>
        [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, .. chunks.SelectMany(c => SourceBytes.PngChunk(c.Type, c.Data))];

    private static byte[] PngWith(byte[] png, Action<List<(string Type, byte[] Data)>> change)
    {
        var chunks = PngChunks(png);
        change(chunks);
        return PngBytes(chunks);
    }

    /// <summary>Joins the image data and cuts it again into chunks of at most <paramref name="size"/> bytes, where the first was.</summary>
    private static void SplitIdat(List<(string Type, byte[] Data)> chunks, int size)
    {
        var at = chunks.FindIndex(c => c.Type == "IDAT");
        var data = chunks.Where(c => c.Type == "IDAT").SelectMany(c => c.Data).ToArray();
        chunks.RemoveAll(c => c.Type == "IDAT");
        chunks.InsertRange(at, data.Chunk(size).Select(piece => ("IDAT", piece)));
    }

    /// <summary>A whole zlib stream that holds only the first half of the rows: well-formed, but short of the declared size.</summary>
    private static void ShortenImageData(List<(string Type, byte[] Data)> chunks)
    {
        var data = chunks.Where(c => c.Type == "IDAT").SelectMany(c => c.Data).ToArray();
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(new MemoryStream(data), CompressionMode.Decompress))
        {
            zlib.CopyTo(inflated);
        }

        var rows = inflated.ToArray();
        using var deflated = new MemoryStream();
        using (var zlib = new ZLibStream(deflated, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(rows, 0, rows.Length / 2);
        }

        var at = chunks.FindIndex(c => c.Type == "IDAT");
        chunks.RemoveAll(c => c.Type == "IDAT");
        chunks.Insert(at, ("IDAT", deflated.ToArray()));
    }

    private static byte[] PngCorruptIdatCrc(byte[] png)
    {
        var copy = PngBytes(PngChunks(png));
        var idat = copy.AsSpan().IndexOf("IDAT"u8);
        var length = BinaryPrimitives.ReadInt32BigEndian(copy.AsSpan(idat - 4));
        copy[idat + 4 + length] ^= 0xFF;
        return copy;
    }

    /// <summary>Puts an extension block right after the GIF's header, logical screen and global colour table.</summary>
    private static byte[] InsertGifExtension(byte[] gif, byte[] extension)
    {
        var at = 13 + ((gif[10] & 0x80) != 0 ? 3 * (1 << ((gif[10] & 7) + 1)) : 0);
        return [.. gif[..at], .. extension, .. gif[at..]];
    }

    /// <summary>The first LZW code after the clear code set to one past the table: a code no decoder has defined.</summary>
    private static byte[] GifWithUndefinedCode(byte[] gif)
    {
        var copy = gif.ToArray();
        var at = 13 + ((gif[10] & 0x80) != 0 ? 3 * (1 << ((gif[10] & 7) + 1)) : 0);
        while (copy[at] == 0x21)
        {
            at += 2;
            while (copy[at] != 0)
            {
                at += 1 + copy[at];
            }

            at++;
        }

        at += 10 + ((copy[at + 9] & 0x80) != 0 ? 3 * (1 << ((copy[at + 9] & 7) + 1)) : 0);
        var minimumCodeSize = copy[at];
        var size = minimumCodeSize + 1;
        var clear = 1 << minimumCodeSize;

        // The first data byte holds the clear code's low bits, the next ones the following code: write clear, then clear + 3.
        var bits = (uint)clear | ((uint)(clear + 3) << size);
        for (var i = 0; i < 3; i++)
        {
            copy[at + 2 + i] = (byte)(bits >> (8 * i));
        }

        return copy;
    }

    private static byte[] WithRiffSize(byte[] webp, int size)
    {
        var copy = webp.ToArray();
        BinaryPrimitives.WriteInt32LittleEndian(copy.AsSpan(4), size);
        return copy;
    }

    /// <summary>An unknown chunk of odd length, with its pad byte, after the image; the RIFF size counts it.</summary>
    private static byte[] AppendRiffChunk(byte[] webp, string fourCc, byte[] body)
    {
        var chunk = new byte[8 + body.Length + (body.Length & 1)];
        System.Text.Encoding.ASCII.GetBytes(fourCc).CopyTo(chunk, 0);
        BinaryPrimitives.WriteInt32LittleEndian(chunk.AsSpan(4), body.Length);
        body.CopyTo(chunk, 8);
        var result = (byte[])[.. webp, .. chunk];
        BinaryPrimitives.WriteInt32LittleEndian(result.AsSpan(4), result.Length - 8);
        return result;
    }

    private static byte[] WithBmpField(byte[] bmp, int offset, int size, int value)
    {
        var copy = bmp.ToArray();
        if (size == 2)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(copy.AsSpan(offset), (ushort)value);
        }
        else
        {
            BinaryPrimitives.WriteInt32LittleEndian(copy.AsSpan(offset), value);
        }

        return copy;
    }

    /// <summary>
    /// An uncompressed 8-bit RGB TIFF of the picture, written by hand so the test decides its byte order and the order of
    /// its tags (TIFF 6.0 asks writers for ascending order; readers take any).
    /// </summary>
    private static byte[] Tiff(bool littleEndian, bool descending, bool trailing, bool directoryFirst = false)
    {
        using var picture = Picture();
        using var rgb = picture.CloneAs<Rgb24>();
        var pixels = new byte[Width * Height * 3];
        rgb.CopyPixelDataTo(pixels);
        const int tagCount = 9;
        var ifdOffset = directoryFirst ? 8 : 8 + pixels.Length + 6;
        var bitsOffset = directoryFirst ? 8 + 2 + (12 * tagCount) + 4 : 8 + pixels.Length;
        var pixelOffset = directoryFirst ? bitsOffset + 6 : 8;
        (ushort Tag, ushort Type, uint Count, uint Value)[] tags =
        [
            (256, 3, 1, Width),
            (257, 3, 1, Height),
            (258, 3, 3, (uint)bitsOffset),
            (259, 3, 1, 1),
            (262, 3, 1, 2),
            (273, 4, 1, (uint)pixelOffset),
            (277, 3, 1, 3),
            (278, 3, 1, Height),
            (279, 4, 1, (uint)pixels.Length),
        ];
        if (descending)
        {
            Array.Reverse(tags);
        }

        var output = new byte[8 + pixels.Length + 6 + 2 + (12 * tags.Length) + 4 + (trailing ? 64 : 0)];
        void U16(int at, int v)
        {
            if (littleEndian)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(output.AsSpan(at), (ushort)v);
            }
            else
            {
                BinaryPrimitives.WriteUInt16BigEndian(output.AsSpan(at), (ushort)v);
            }
        }

        void U32(int at, uint v)
        {
            if (littleEndian)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(output.AsSpan(at), v);
            }
            else
            {
                BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(at), v);
            }
        }

        output[0] = output[1] = (byte)(littleEndian ? 'I' : 'M');
        U16(2, 42);
        U32(4, (uint)ifdOffset);
        pixels.CopyTo(output, pixelOffset);
        U16(bitsOffset, 8);
        U16(bitsOffset + 2, 8);
        U16(bitsOffset + 4, 8);
        U16(ifdOffset, tags.Length);
        for (var i = 0; i < tags.Length; i++)
        {
            var entry = ifdOffset + 2 + (12 * i);
            var (tag, type, count, value) = tags[i];
            U16(entry, tag);
            U16(entry + 2, type);
            U32(entry + 4, count);
            if (type == 3 && count == 1)
            {
                U16(entry + 8, (int)value);
            }
            else
            {
                U32(entry + 8, value);
            }
        }

        if (trailing)
        {
            "garbage after the last directory"u8.CopyTo(output.AsSpan(output.Length - 64));
        }

        return output;
    }
}
