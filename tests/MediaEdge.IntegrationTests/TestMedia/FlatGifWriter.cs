using System.Buffers.Binary;

namespace MediaEdge.IntegrationTests.TestMedia;

/// <summary>
/// Writes animated GIFs whose frames are one flat colour. LZW of a constant run emits one code per run of growing
/// length, so 3000 frames, or 20 frames of 36 MP, take milliseconds and well under a megabyte.
/// </summary>
internal static class FlatGifWriter
{
    private const int MinCodeSize = 2;
    private const int ClearCode = 1 << MinCodeSize;
    private const int EndCode = ClearCode + 1;
    private const int FirstFreeCode = ClearCode + 2;

    /// <summary>Codes are cleared well before the 4096-entry table is full, away from decoders' edge cases there.</summary>
    private const int ResetAtCode = 4000;

    /// <summary>The colour every pixel has: index 0 of the global table.</summary>
    public static readonly (byte R, byte G, byte B) Colour = (0x20, 0x60, 0xC0);

    public static void Write(string path, int width, int height, int frames)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        file.Write("GIF89a"u8);
        WriteUInt16(file, width);
        WriteUInt16(file, height);
        file.Write([0x80, 0, 0]); // a global table of two colours; background 0; no aspect ratio
        file.Write([Colour.R, Colour.G, Colour.B, 0xFF, 0xFF, 0xFF]);
        file.Write([0x21, 0xFF, 0x0B, .. "NETSCAPE2.0"u8, 0x03, 0x01, 0x00, 0x00, 0x00]); // loop forever

        var data = FrameData((long)width * height);
        for (var i = 0; i < frames; i++)
        {
            file.Write([0x21, 0xF9, 0x04, 0x04, 0x0A, 0x00, 0x00, 0x00]); // 100 ms per frame, keep the previous one
            file.WriteByte(0x2C);
            WriteUInt16(file, 0);
            WriteUInt16(file, 0);
            WriteUInt16(file, width);
            WriteUInt16(file, height);
            file.WriteByte(0); // no local table, not interlaced
            file.Write(data);
        }

        file.WriteByte(0x3B);
    }

    /// <summary>The image data of one frame: the LZW minimum code size, the codes in sub-blocks, the terminator.</summary>
    private static byte[] FrameData(long pixels)
    {
        var bits = new List<byte>();
        int accumulator = 0, filled = 0;
        void Emit(int code, int width)
        {
            accumulator |= code << filled;
            filled += width;
            while (filled >= 8)
            {
                bits.Add((byte)accumulator);
                accumulator >>= 8;
                filled -= 8;
            }
        }

        // The decoder adds a table entry for every code after the first since a clear, and widens its codes
        // when the next free entry reaches a power of two; this is the width it reads the n-th code with.
        static int Width(int n) => Math.Clamp(BitLength(FirstFreeCode + Math.Max(0, n - 2)), MinCodeSize + 1, 12);

        Emit(ClearCode, MinCodeSize + 1);
        var emitted = 0;
        var remaining = pixels;
        while (remaining > 0)
        {
            // The n-th code since a clear stands for a run of n pixels (the entry the decoder is about to add).
            var n = emitted + 1;
            var run = (int)Math.Min(n, remaining);
            Emit(run == 1 ? 0 : FirstFreeCode + run - 2, Width(n));
            emitted = n;
            remaining -= run;
            if (remaining > 0 && FirstFreeCode + emitted - 1 >= ResetAtCode)
            {
                Emit(ClearCode, Width(emitted + 1));
                emitted = 0;
            }
        }

        Emit(EndCode, Width(emitted + 1));
        if (filled > 0)
        {
            bits.Add((byte)accumulator);
        }

        var data = new List<byte>(bits.Count + (bits.Count / 255) + 3) { MinCodeSize };
        for (var i = 0; i < bits.Count; i += 255)
        {
            var length = Math.Min(255, bits.Count - i);
            data.Add((byte)length);
            data.AddRange(bits.GetRange(i, length));
        }

        data.Add(0);
        return [.. data];
    }

    private static int BitLength(int value) => 32 - int.LeadingZeroCount(value);

    private static void WriteUInt16(Stream output, int value)
    {
        Span<byte> bytes = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, (ushort)value);
        output.Write(bytes);
    }
}
