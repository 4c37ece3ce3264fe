using System.Buffers.Binary;

namespace MediaEdge.Imaging.Vips;

/// <summary>
/// Whether an embedded ICC profile is sRGB itself (the profile most cameras and editors embed), so converting to sRGB
/// through it would change no pixel by more than lcms's own rounding and the transform can be skipped.
/// </summary>
internal static class SrgbIcc
{
    /// <summary>sRGB's colorants, Bradford-adapted to D50, as sRGB's own profiles carry them.</summary>
    private static readonly double[][] SrgbColumns = [[0.4360747, 0.2225045, 0.0139322], [0.3850649, 0.7168786, 0.0971045], [0.1430804, 0.0606169, 0.7141733]];

    /// <summary>sRGB profiles in circulation differ in their colorants' last digits (s15Fixed16 rounding, adaptation).</summary>
    private const double ColumnSlack = 0.0015;

    /// <summary>A tone curve within this fraction of one 8-bit level of sRGB's at every level maps every pixel to itself.</summary>
    private const double CurveSlack = 0.5;

    public static bool Is(ReadOnlySpan<byte> icc)
    {
        // An RGB display or input profile with XYZ connection and no LUT (a LUT's perceptual table may differ from its matrix).
        if (icc.Length < 132 || !icc.Slice(16, 4).SequenceEqual("RGB "u8) || !icc.Slice(20, 4).SequenceEqual("XYZ "u8) || HasLut(icc))
        {
            return false;
        }

        var profile = IccMatrixProfile.TryParse(icc);
        if (profile is null)
        {
            return false;
        }

        for (var c = 0; c < 3; c++)
        {
            var column = profile.Columns[c];
            if (Math.Abs(column.X - SrgbColumns[c][0]) > ColumnSlack || Math.Abs(column.Y - SrgbColumns[c][1]) > ColumnSlack || Math.Abs(column.Z - SrgbColumns[c][2]) > ColumnSlack)
            {
                return false;
            }

            for (var level = 0; level <= 255; level++)
            {
                if (Math.Abs((Encode(profile.Linearize(c, level / 255.0)) * 255) - level) > CurveSlack)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool HasLut(ReadOnlySpan<byte> icc)
    {
        var count = BinaryPrimitives.ReadUInt32BigEndian(icc.Slice(128, 4));
        if (count > 200 || 132 + (count * 12) > icc.Length)
        {
            return true;
        }

        for (var i = 0; i < count; i++)
        {
            var signature = icc.Slice(132 + (i * 12), 4);
            if (signature.StartsWith("A2B"u8) || signature.StartsWith("B2A"u8) || signature.StartsWith("D2B"u8) || signature.StartsWith("B2D"u8))
            {
                return true;
            }
        }

        return false;
    }

    private static double Encode(double linear) =>
        linear <= 0.0031308 ? linear * 12.92 : (1.055 * Math.Pow(linear, 1 / 2.4)) - 0.055;
}
