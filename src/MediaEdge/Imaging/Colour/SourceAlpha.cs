using System.Buffers.Binary;

namespace MediaEdge.Imaging.Colour;

/// <summary>
/// Whether a BMP or TIFF carries alpha, from its header (ImageSharp 2.1's Identify leaves the alpha representation unset,
/// so an engine asking it would treat a 32-bit BMP or an RGBA TIFF as opaque and drop the alpha).
/// </summary>
internal static class SourceAlpha
{
    /// <summary>
    /// A 32-bit BMP has alpha in its fourth byte (BI_RGB) or where its alpha mask says (BI_BITFIELDS, V3 headers and later),
    /// unless every pixel's alpha is zero: older writers leave that byte zero, and browsers then show the image opaque.
    /// </summary>
    public static bool Bmp(ReadOnlySpan<byte> bmp)
    {
        if (bmp.Length < 54)
        {
            return false;
        }

        var pixels = BinaryPrimitives.ReadUInt32LittleEndian(bmp[10..]);
        var header = BinaryPrimitives.ReadUInt32LittleEndian(bmp[14..]);
        var bits = BinaryPrimitives.ReadUInt16LittleEndian(bmp[28..]);
        var compression = BinaryPrimitives.ReadUInt32LittleEndian(bmp[30..]);
        if (bits != 32 || pixels >= bmp.Length)
        {
            return false;
        }

        uint mask = compression switch
        {
            0 => 0xFF000000,
            3 when header >= 56 && bmp.Length >= 14 + 56 => BinaryPrimitives.ReadUInt32LittleEndian(bmp[66..]),
            6 when bmp.Length >= 14 + 56 => BinaryPrimitives.ReadUInt32LittleEndian(bmp[66..]),
            _ => 0,
        };
        if (mask == 0)
        {
            return false;
        }

        var data = bmp[(int)pixels..];
        for (var i = 0; i + 4 <= data.Length; i += 4)
        {
            if ((BinaryPrimitives.ReadUInt32LittleEndian(data[i..]) & mask) != 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A TIFF has alpha where it has more samples per pixel than its photometric interpretation needs (an extra sample).</summary>
    public static bool Tiff(ReadOnlySpan<byte> tiff)
    {
        var samples = TiffTags.Number(tiff, 277) ?? 1;
        var colour = TiffTags.Number(tiff, 262) switch
        {
            0 or 1 or 3 or 4 => 1u,
            5 => TiffTags.Number(tiff, 332) == 2 ? 3u : 4u,
            _ => 3u,
        };
        return samples > colour && TiffTags.Find(tiff, 338) is not null;
    }
}
