using System.Buffers.Binary;

namespace MediaEdge.Imaging.ImageSharp;

/// <summary>
/// ImageSharp 2.1 reads a PNG's zlib header from the first IDAT chunk alone, so a valid PNG whose image data comes in
/// chunks under 2 bytes fails inside its inflater (IndexOutOfRange, a negative offset). The same data joined into one
/// IDAT chunk reads, so such files are handed to it joined; other PNGs go through untouched.
/// </summary>
internal static class SplitIdatPng
{
    /// <summary>True where an IDAT chunk holds fewer than 2 bytes.</summary>
    public static bool Affects(ReadOnlySpan<byte> png)
    {
        for (var pos = 8; pos + 12 <= png.Length;)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(png.Slice(pos, 4));
            if (png.Slice(pos + 4, 4).SequenceEqual("IDAT"u8) && length < 2)
            {
                return true;
            }

            if (length > (uint)(png.Length - pos - 12))
            {
                return false;
            }

            pos += 12 + (int)length;
        }

        return false;
    }

    /// <summary>The PNG with its IDAT chunks joined into one (CRC recomputed), where the first was.</summary>
    public static byte[] Joined(ReadOnlySpan<byte> png)
    {
        using var output = new MemoryStream(png.Length);
        using var data = new MemoryStream();
        output.Write(png[..8]);
        var written = false;
        for (var pos = 8; pos + 12 <= png.Length;)
        {
            var length = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(png.Slice(pos, 4)), (uint)(png.Length - pos - 12));
            var chunk = png.Slice(pos, 12 + length);
            if (chunk.Slice(4, 4).SequenceEqual("IDAT"u8))
            {
                data.Write(chunk.Slice(8, length));
            }
            else
            {
                if (!written && data.Length > 0)
                {
                    WriteIdat(output, data.ToArray());
                    written = true;
                }

                output.Write(chunk);
            }

            pos += 12 + length;
        }

        if (!written)
        {
            WriteIdat(output, data.ToArray());
        }

        return output.ToArray();
    }

    private static void WriteIdat(Stream output, byte[] data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);
        output.Write("IDAT"u8);
        output.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc(Crc(0xFFFFFFFF, "IDAT"u8), data) ^ 0xFFFFFFFF);
        output.Write(word);
    }

    private static uint Crc(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320 ^ (crc >> 1) : crc >> 1;
            }
        }

        return crc;
    }
}
