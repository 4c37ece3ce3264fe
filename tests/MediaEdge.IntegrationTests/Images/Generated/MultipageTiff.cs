using System.Buffers.Binary;

namespace MediaEdge.IntegrationTests.Images.Generated;

/// <summary>
/// Writes a little-endian, uncompressed TIFF of several pages (IFDs) that may each have their own size, band count and
/// depth, as scanners and fax software write them: libvips can only save pages of one size.
/// </summary>
internal static class MultipageTiff
{
    private const ushort Short = 3;

    private const ushort Long = 4;

    /// <summary>One page of one colour: 1 band grey, 3 RGB, 4 RGBA (unassociated alpha); 8 or 16 bits per sample.</summary>
    /// <param name="ReducedResolution">Marks the page as a reduced-resolution copy (NewSubfileType 1), as pyramids and embedded thumbnails are.</param>
    public sealed record Page(int Width, int Height, ushort[] Colour, int Bits = 8, bool ReducedResolution = false);

    public static byte[] Write(params Page[] pages)
    {
        using var tiff = new MemoryStream();
        tiff.Write("II*\0"u8);
        var firstIfdAt = tiff.Position;
        tiff.Write(new byte[4]);
        var linkAt = firstIfdAt;
        foreach (var page in pages)
        {
            var samples = page.Colour.Length;
            var pixelsAt = (uint)tiff.Position;
            var sample = new byte[page.Bits / 8];
            for (var i = 0; i < page.Width * page.Height; i++)
            {
                foreach (var value in page.Colour)
                {
                    if (page.Bits == 16)
                    {
                        BinaryPrimitives.WriteUInt16LittleEndian(sample, value);
                    }
                    else
                    {
                        sample[0] = (byte)value;
                    }

                    tiff.Write(sample);
                }
            }

            var pixelBytes = (uint)(tiff.Position - pixelsAt);
            Align(tiff);
            var bitsAt = (uint)tiff.Position;
            for (var i = 0; i < samples; i++)
            {
                WriteUInt16(tiff, (ushort)page.Bits);
            }

            Align(tiff);
            var entries = new List<(ushort Tag, ushort Type, uint Count, uint Value)>
            {
                (254, Long, 1, page.ReducedResolution ? 1u : 0u),
                (256, Long, 1, (uint)page.Width),
                (257, Long, 1, (uint)page.Height),
                (258, Short, (uint)samples, samples <= 2 ? (uint)page.Bits | (samples == 2 ? (uint)page.Bits << 16 : 0) : bitsAt),
                (259, Short, 1, 1),
                (262, Short, 1, samples >= 3 ? 2u : 1u),
                (273, Long, 1, pixelsAt),
                (277, Short, 1, (uint)samples),
                (278, Long, 1, (uint)page.Height),
                (279, Long, 1, pixelBytes),
                (284, Short, 1, 1),
            };
            if (samples is 2 or 4)
            {
                entries.Add((338, Short, 1, 2));
            }

            var ifdAt = (uint)tiff.Position;
            Patch(tiff, linkAt, ifdAt);
            WriteUInt16(tiff, (ushort)entries.Count);
            foreach (var (tag, type, count, value) in entries)
            {
                WriteUInt16(tiff, tag);
                WriteUInt16(tiff, type);
                WriteUInt32(tiff, count);
                WriteUInt32(tiff, value);
            }

            linkAt = tiff.Position;
            WriteUInt32(tiff, 0);
        }

        return tiff.ToArray();
    }

    private static void Align(MemoryStream tiff)
    {
        if (tiff.Position % 2 == 1)
        {
            tiff.WriteByte(0);
        }
    }

    private static void Patch(MemoryStream tiff, long at, uint value)
    {
        var end = tiff.Position;
        tiff.Position = at;
        WriteUInt32(tiff, value);
        tiff.Position = end;
    }

    private static void WriteUInt16(Stream stream, ushort value)
    {
        Span<byte> bytes = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
        stream.Write(bytes);
    }

    private static void WriteUInt32(Stream stream, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        stream.Write(bytes);
    }
}
