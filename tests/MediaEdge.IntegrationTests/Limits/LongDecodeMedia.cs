using System.Buffers.Binary;
using System.IO.Compression;

namespace MediaEdge.IntegrationTests.Limits;

/// <summary>
/// Small files that make a decoder spin or run long, written in milliseconds: Adam7 PNGs of any size and depth, a
/// JPEG of hundreds of legal progressive scans, TIFFs of millions of strips or tiles sharing one block of data, and
/// PNGs split into a million IDAT chunks. Every pixel is <see cref="Colour"/> (or grey where the format has no colour).
/// </summary>
internal static class LongDecodeMedia
{
    /// <summary>The colour of the shared interlaced-palette PNGs.</summary>
    public static readonly (byte R, byte G, byte B) Colour = (30, 144, 255);

    private static readonly (int Row, int Column, int RowStep, int ColumnStep)[] Passes =
        [(0, 0, 8, 8), (0, 4, 8, 8), (4, 0, 8, 4), (0, 2, 4, 4), (2, 0, 4, 2), (0, 1, 2, 2), (1, 0, 2, 1)];

    /// <summary>An Adam7-interlaced PNG, every pixel <see cref="Colour"/>: palette (colour type 3) at 1, 2, 4 or 8 bits, or RGB (2) at 8 or 16.</summary>
    public static byte[] InterlacedPng(int width, int height, int bitDepth, int colourType)
    {
        var channels = colourType == 2 ? 3 : 1;
        var bitsPerPixel = bitDepth * channels;
        using var raw = new MemoryStream();
        foreach (var (row0, column0, rowStep, columnStep) in Passes)
        {
            var columns = column0 >= width ? 0 : ((width - column0 - 1) / columnStep) + 1;
            var rows = row0 >= height ? 0 : ((height - row0 - 1) / rowStep) + 1;
            if (columns == 0 || rows == 0)
            {
                continue;
            }

            var line = new byte[1 + (((columns * bitsPerPixel) + 7) / 8)];
            if (colourType == 2)
            {
                var sample = bitDepth / 8;
                for (var x = 0; x < columns; x++)
                {
                    var at = 1 + (x * 3 * sample);
                    line[at] = Colour.R;
                    line[at + sample] = Colour.G;
                    line[at + (2 * sample)] = Colour.B;
                    if (sample == 2)
                    {
                        line[at + 1] = Colour.R;
                        line[at + 3] = Colour.G;
                        line[at + 5] = Colour.B;
                    }
                }
            }

            // Palette index 0 everywhere: the zero bytes the line already holds.
            for (var y = 0; y < rows; y++)
            {
                raw.Write(line);
            }
        }

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = (byte)bitDepth;
        header[9] = (byte)colourType;
        header[12] = 1; // Adam7
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        WritePngChunk(png, "IHDR"u8, header);
        if (colourType == 3)
        {
            WritePngChunk(png, "PLTE"u8, [Colour.R, Colour.G, Colour.B, 255, 255, 255]);
        }

        WritePngChunk(png, "IDAT"u8, Deflate(raw.ToArray()));
        WritePngChunk(png, "IEND"u8, []);
        return png.ToArray();
    }

    /// <summary>A non-interlaced 8-bit RGB PNG of <see cref="Colour"/> whose zlib stream is cut into IDAT chunks of <paramref name="chunkBytes"/> bytes.</summary>
    public static byte[] ChoppedPng(int width, int height, int chunkBytes)
    {
        var line = new byte[1 + (width * 3)];
        for (var x = 0; x < width; x++)
        {
            line[1 + (x * 3)] = Colour.R;
            line[2 + (x * 3)] = Colour.G;
            line[3 + (x * 3)] = Colour.B;
        }

        byte[] compressed;
        using (var buffer = new MemoryStream())
        {
            using (var zlib = new ZLibStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                for (var y = 0; y < height; y++)
                {
                    zlib.Write(line);
                }
            }

            compressed = buffer.ToArray();
        }

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        header[9] = 2;
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        WritePngChunk(png, "IHDR"u8, header);
        for (var at = 0; at < compressed.Length; at += chunkBytes)
        {
            WritePngChunk(png, "IDAT"u8, compressed.AsSpan(at, Math.Min(chunkBytes, compressed.Length - at)));
        }

        WritePngChunk(png, "IEND"u8, []);
        return png.ToArray();
    }

    /// <summary>
    /// A legal progressive greyscale JPEG, mid grey, whose AC coefficients come one at a time (Ss = Se) in successive
    /// approximation from bit 13 down to bit 0: 1 + 63 × 14 = 883 scans when <paramref name="bands"/> is 63. Every
    /// scan is an end-of-band run over all blocks, so each costs the decoder a pass over the image for a few bytes.
    /// </summary>
    public static byte[] ManyScanJpeg(int width, int height, int bands)
    {
        var blocks = (long)((width + 7) / 8) * ((height + 7) / 8);
        using var jpeg = new MemoryStream();
        jpeg.Write([0xFF, 0xD8]);
        var quant = new byte[65];
        Array.Fill(quant, (byte)1);
        quant[0] = 0;
        WriteJpegSegment(jpeg, 0xDB, quant);
        WriteJpegSegment(jpeg, 0xC2, [8, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 1, 1, 0x11, 0]);

        // DC: one symbol (difference category 0) coded as a single 0 bit. AC: the end-of-band runs EOB0..EOB14, 4 bits each.
        var dc = new byte[1 + 16 + 1];
        dc[1] = 1;
        WriteJpegSegment(jpeg, 0xC4, dc);
        var ac = new byte[1 + 16 + 15];
        ac[0] = 0x10;
        ac[4] = 15;
        for (var r = 0; r < 15; r++)
        {
            ac[17 + r] = (byte)(r << 4);
        }

        WriteJpegSegment(jpeg, 0xC4, ac);

        var dcBits = new JpegBitWriter();
        for (long b = 0; b < blocks; b++)
        {
            dcBits.Write(0, 1);
        }

        WriteScan(jpeg, 0, 0, 0, 0, dcBits.Finish());
        var runs = EndOfBandRuns(blocks);
        for (var k = 1; k <= bands; k++)
        {
            WriteScan(jpeg, k, k, 0, 13, runs);
            for (var al = 12; al >= 0; al--)
            {
                WriteScan(jpeg, k, k, al + 1, al, runs);
            }
        }

        jpeg.Write([0xFF, 0xD9]);
        return jpeg.ToArray();
    }

    /// <summary>
    /// An 8-bit greyscale TIFF whose image is cut into <paramref name="rowsPerStrip"/>-row strips, or square tiles of
    /// <paramref name="tile"/> pixels, all pointing at one shared block of zlib data: millions of blocks in a few MB.
    /// </summary>
    public static byte[] SharedBlockTiff(int width, int height, int rowsPerStrip, int tile = 0)
    {
        var blockWidth = tile > 0 ? tile : width;
        var blockHeight = tile > 0 ? tile : rowsPerStrip;
        var count = tile > 0
            ? (long)((width + tile - 1) / tile) * ((height + tile - 1) / tile)
            : (height + rowsPerStrip - 1) / rowsPerStrip;
        var block = Deflate(Enumerable.Repeat((byte)128, blockWidth * blockHeight).ToArray());

        const int entries = 11;
        var ifdAt = 8;
        var ifdBytes = 2 + (entries * 12) + 4;
        var offsetsAt = ifdAt + ifdBytes;
        var countsAt = offsetsAt + (count * 4);
        var dataAt = countsAt + (count * 4);
        using var tiff = new MemoryStream();
        var w = new BinaryWriter(tiff);
        w.Write("II"u8);
        w.Write((ushort)42);
        w.Write(ifdAt);
        w.Write((ushort)entries);
        void Entry(ushort tag, ushort type, uint n, uint value)
        {
            w.Write(tag);
            w.Write(type);
            w.Write(n);
            w.Write(value);
        }

        Entry(256, 4, 1, (uint)width);
        Entry(257, 4, 1, (uint)height);
        Entry(258, 3, 1, 8);
        Entry(259, 3, 1, 8); // Adobe deflate
        Entry(262, 3, 1, 1); // black is zero
        if (tile > 0)
        {
            Entry(277, 3, 1, 1);
            Entry(284, 3, 1, 1);
            Entry(322, 3, 1, (uint)tile);
            Entry(323, 3, 1, (uint)tile);
            Entry(324, 4, (uint)count, (uint)offsetsAt);
            Entry(325, 4, (uint)count, (uint)countsAt);
        }
        else
        {
            Entry(273, 4, (uint)count, (uint)offsetsAt);
            Entry(277, 3, 1, 1);
            Entry(278, 4, 1, (uint)rowsPerStrip);
            Entry(279, 4, (uint)count, (uint)countsAt);
            Entry(284, 3, 1, 1);
            Entry(339, 3, 1, 1); // unsigned samples
        }

        w.Write(0);
        for (long i = 0; i < count; i++)
        {
            w.Write((uint)dataAt);
        }

        for (long i = 0; i < count; i++)
        {
            w.Write((uint)block.Length);
        }

        w.Write(block);
        w.Flush();
        return tiff.ToArray();
    }

    /// <summary>One frame of flat colour whose LZW codes stand for runs of up to 4,000 pixels each (see <see cref="FlatGifWriter"/>).</summary>
    public static byte[] LongRunGif(int width, int height)
    {
        var path = Path.GetTempFileName();
        try
        {
            FlatGifWriter.Write(path, width, height, 1);
            return File.ReadAllBytes(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static byte[] EndOfBandRuns(long blocks)
    {
        var bits = new JpegBitWriter();
        var left = blocks;
        while (left > 0)
        {
            var run = (int)Math.Min(left, 32767);
            var r = 31 - int.LeadingZeroCount(run);
            bits.Write(r, 4);
            bits.Write(run - (1 << r), r);
            left -= run;
        }

        return bits.Finish();
    }

    private static void WriteScan(Stream jpeg, int ss, int se, int ah, int al, byte[] data)
    {
        WriteJpegSegment(jpeg, 0xDA, [1, 1, 0x00, (byte)ss, (byte)se, (byte)((ah << 4) | al)]);
        jpeg.Write(data);
    }

    private static void WriteJpegSegment(Stream jpeg, byte marker, ReadOnlySpan<byte> body)
    {
        jpeg.Write([0xFF, marker, (byte)((body.Length + 2) >> 8), (byte)(body.Length + 2)]);
        jpeg.Write(body);
    }

    private static byte[] Deflate(byte[] data)
    {
        using var buffer = new MemoryStream();
        using (var zlib = new ZLibStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return buffer.ToArray();
    }

    private static void WritePngChunk(Stream output, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);
        output.Write(type);
        output.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32.Append(Crc32.Append(0, type), data));
        output.Write(word);
    }

    /// <summary>Entropy-coded bits, most significant first, with 0xFF stuffed and the last byte padded with ones.</summary>
    private sealed class JpegBitWriter
    {
        private readonly MemoryStream _bytes = new();
        private int _accumulator;
        private int _filled;

        public void Write(int value, int count)
        {
            for (var i = count - 1; i >= 0; i--)
            {
                _accumulator = (_accumulator << 1) | ((value >> i) & 1);
                if (++_filled == 8)
                {
                    Flush();
                }
            }
        }

        public byte[] Finish()
        {
            if (_filled > 0)
            {
                _accumulator = (_accumulator << (8 - _filled)) | ((1 << (8 - _filled)) - 1);
                Flush();
            }

            return _bytes.ToArray();
        }

        private void Flush()
        {
            _bytes.WriteByte((byte)_accumulator);
            if (_accumulator == 0xFF)
            {
                _bytes.WriteByte(0);
            }

            _accumulator = 0;
            _filled = 0;
        }
    }
}
