using System.Buffers.Binary;

namespace MediaEdge.Imaging.Colour;

/// <summary>Reads tags of the first IFD of a classic (not Big) TIFF, in either byte order (TIFF 6.0, section 2).</summary>
internal static class TiffTags
{
    /// <summary>A tag's field type, value count, and where its value starts in the file (in the entry itself when it fits in four bytes).</summary>
    public readonly record struct Entry(ushort Type, uint Count, uint Offset);

    public static Entry? Find(ReadOnlySpan<byte> tiff, ushort tag)
    {
        if (tiff.Length < 8)
        {
            return null;
        }

        var little = tiff[0] == (byte)'I';
        if (U16(tiff, 2, little) != 42)
        {
            return null;
        }

        var ifd = U32(tiff, 4, little);
        if (ifd > tiff.Length - 2)
        {
            return null;
        }

        var count = U16(tiff, (int)ifd, little);
        for (var i = 0; i < count; i++)
        {
            var at = (int)ifd + 2 + (12 * i);
            if (at + 12 > tiff.Length)
            {
                return null;
            }

            if (U16(tiff, at, little) != tag)
            {
                continue;
            }

            var type = U16(tiff, at + 2, little);
            var values = U32(tiff, at + 4, little);
            long bytes = values * (long)(type switch { 3 or 8 => 2, 4 or 9 or 11 => 4, 5 or 10 or 12 => 8, _ => 1 });
            return new Entry(type, values, bytes <= 4 ? (uint)(at + 8) : U32(tiff, at + 8, little));
        }

        return null;
    }

    /// <summary>The first value of a SHORT or LONG tag.</summary>
    public static uint? Number(ReadOnlySpan<byte> tiff, ushort tag)
    {
        if (Find(tiff, tag) is not { Count: > 0 } entry || entry.Offset + 4 > tiff.Length)
        {
            return null;
        }

        var little = tiff[0] == (byte)'I';
        return entry.Type switch
        {
            3 => U16(tiff, (int)entry.Offset, little),
            4 => U32(tiff, (int)entry.Offset, little),
            _ => null,
        };
    }

    private static ushort U16(ReadOnlySpan<byte> b, int at, bool little) =>
        little ? BinaryPrimitives.ReadUInt16LittleEndian(b[at..]) : BinaryPrimitives.ReadUInt16BigEndian(b[at..]);

    private static uint U32(ReadOnlySpan<byte> b, int at, bool little) =>
        little ? BinaryPrimitives.ReadUInt32LittleEndian(b[at..]) : BinaryPrimitives.ReadUInt32BigEndian(b[at..]);
}
