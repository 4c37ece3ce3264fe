using System.Buffers.Binary;

namespace MediaEdge.Imaging.Colour;

/// <summary>
/// Writes the ICC v2 matrix/TRC (or grey TRC) profile that primaries, a white point and a power-law gamma describe (what a
/// PNG's cHRM and gAMA chunks say), so both engines apply it the way they apply an embedded profile.
/// </summary>
internal static class SyntheticProfile
{
    /// <summary>D50, the ICC connection space's white.</summary>
    private static readonly double[] D50 = [0.9642, 1.0, 0.8249];

    private static readonly double[,] Bradford = { { 0.8951, 0.2664, -0.1614 }, { -0.7502, 1.7135, 0.0367 }, { 0.0389, -0.0685, 1.0296 } };

    /// <param name="chromaticities">White, red, green and blue (x, y), in that order.</param>
    /// <param name="gamma">The exponent that turns a sample (0–1) into linear light.</param>
    /// <returns>The profile, or null where the primaries are degenerate.</returns>
    public static byte[]? Rgb(ReadOnlySpan<(double X, double Y)> chromaticities, double gamma)
    {
        var columns = Colorants(chromaticities);
        if (columns is null)
        {
            return null;
        }

        var curve = Para(gamma);
        (string Signature, byte[] Data)[] tags =
        [
            ("desc", Description("MediaEdge PNG gAMA/cHRM")),
            ("wtpt", Xyz(D50)),
            ("rXYZ", Xyz(columns[0])),
            ("gXYZ", Xyz(columns[1])),
            ("bXYZ", Xyz(columns[2])),
            ("rTRC", curve),
            ("gTRC", curve),
            ("bTRC", curve),
        ];
        return Assemble("RGB "u8, tags);
    }

    /// <param name="gamma">The exponent that turns a sample (0–1) into linear light.</param>
    public static byte[] Grey(double gamma)
    {
        (string Signature, byte[] Data)[] tags =
        [
            ("desc", Description("MediaEdge PNG gAMA")),
            ("wtpt", Xyz(D50)),
            ("kTRC", Para(gamma)),
        ];
        return Assemble("GRAY"u8, tags);
    }

    /// <summary>The red, green and blue columns in XYZ, scaled so they sum to the white point and Bradford-adapted to D50 (ICC.1 Annex E).</summary>
    private static double[][]? Colorants(ReadOnlySpan<(double X, double Y)> c)
    {
        if (c.Length != 4)
        {
            return null;
        }

        foreach (var (x, y) in c)
        {
            if (!(x > 0 && x < 1 && y > 0 && y < 1))
            {
                return null;
            }
        }

        var white = ToXyz(c[0]);
        double[][] primaries = [ToXyz(c[1]), ToXyz(c[2]), ToXyz(c[3])];
        var p = new double[3, 3];
        for (var row = 0; row < 3; row++)
        {
            for (var column = 0; column < 3; column++)
            {
                p[row, column] = primaries[column][row];
            }
        }

        var inverse = Invert(p);
        if (inverse is null)
        {
            return null;
        }

        var scale = Multiply(inverse, white);
        var sourceCone = Multiply(Bradford, white);
        var targetCone = Multiply(Bradford, D50);
        var fromCone = Invert(Bradford)!;
        var columns = new double[3][];
        for (var i = 0; i < 3; i++)
        {
            var cone = Multiply(Bradford, [primaries[i][0] * scale[i], primaries[i][1] * scale[i], primaries[i][2] * scale[i]]);
            for (var k = 0; k < 3; k++)
            {
                cone[k] *= targetCone[k] / sourceCone[k];
            }

            columns[i] = Multiply(fromCone, cone);
        }

        return columns;
    }

    private static double[] ToXyz((double X, double Y) c) => [c.X / c.Y, 1, (1 - c.X - c.Y) / c.Y];

    private static double[] Multiply(double[,] m, double[] v) =>
    [
        (m[0, 0] * v[0]) + (m[0, 1] * v[1]) + (m[0, 2] * v[2]),
        (m[1, 0] * v[0]) + (m[1, 1] * v[1]) + (m[1, 2] * v[2]),
        (m[2, 0] * v[0]) + (m[2, 1] * v[1]) + (m[2, 2] * v[2]),
    ];

    private static double[,]? Invert(double[,] m)
    {
        var det = (m[0, 0] * ((m[1, 1] * m[2, 2]) - (m[1, 2] * m[2, 1])))
            - (m[0, 1] * ((m[1, 0] * m[2, 2]) - (m[1, 2] * m[2, 0])))
            + (m[0, 2] * ((m[1, 0] * m[2, 1]) - (m[1, 1] * m[2, 0])));
        if (Math.Abs(det) < 1e-9)
        {
            return null;
        }

        return new[,]
        {
            { ((m[1, 1] * m[2, 2]) - (m[1, 2] * m[2, 1])) / det, ((m[0, 2] * m[2, 1]) - (m[0, 1] * m[2, 2])) / det, ((m[0, 1] * m[1, 2]) - (m[0, 2] * m[1, 1])) / det },
            { ((m[1, 2] * m[2, 0]) - (m[1, 0] * m[2, 2])) / det, ((m[0, 0] * m[2, 2]) - (m[0, 2] * m[2, 0])) / det, ((m[0, 2] * m[1, 0]) - (m[0, 0] * m[1, 2])) / det },
            { ((m[1, 0] * m[2, 1]) - (m[1, 1] * m[2, 0])) / det, ((m[0, 1] * m[2, 0]) - (m[0, 0] * m[2, 1])) / det, ((m[0, 0] * m[1, 1]) - (m[0, 1] * m[1, 0])) / det },
        };
    }

    private static byte[] Assemble(ReadOnlySpan<byte> colourSpace, (string Signature, byte[] Data)[] tags)
    {
        var offset = 128 + 4 + (12 * tags.Length);
        var offsets = new int[tags.Length];
        for (var i = 0; i < tags.Length; i++)
        {
            offsets[i] = offset;
            offset += (tags[i].Data.Length + 3) & ~3;
        }

        var icc = new byte[offset];
        BinaryPrimitives.WriteInt32BigEndian(icc, icc.Length);
        icc[8] = 2;
        icc[9] = 0x10;
        "mntr"u8.CopyTo(icc.AsSpan(12));
        colourSpace.CopyTo(icc.AsSpan(16));
        "XYZ "u8.CopyTo(icc.AsSpan(20));
        "acsp"u8.CopyTo(icc.AsSpan(36));
        WriteXyz(icc.AsSpan(68), D50);
        BinaryPrimitives.WriteInt32BigEndian(icc.AsSpan(128), tags.Length);
        for (var i = 0; i < tags.Length; i++)
        {
            var entry = icc.AsSpan(132 + (12 * i));
            System.Text.Encoding.ASCII.GetBytes(tags[i].Signature).CopyTo(entry);
            BinaryPrimitives.WriteInt32BigEndian(entry[4..], offsets[i]);
            BinaryPrimitives.WriteInt32BigEndian(entry[8..], tags[i].Data.Length);
            tags[i].Data.CopyTo(icc.AsSpan(offsets[i]));
        }

        return icc;
    }

    private static byte[] Xyz(double[] v)
    {
        var data = new byte[20];
        "XYZ "u8.CopyTo(data);
        WriteXyz(data.AsSpan(8), v);
        return data;
    }

    private static void WriteXyz(Span<byte> at, double[] v)
    {
        for (var i = 0; i < 3; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(at[(4 * i)..], (int)Math.Round(v[i] * 65536));
        }
    }

    /// <summary>A parametric curve of type 0, Y = X^gamma, in s15Fixed16 (finer than curv's u8Fixed8).</summary>
    private static byte[] Para(double gamma)
    {
        var data = new byte[16];
        "para"u8.CopyTo(data);
        BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(12), (int)Math.Round(gamma * 65536));
        return data;
    }

    private static byte[] Description(string text)
    {
        var data = new byte[12 + text.Length + 1 + 4 + 4 + 2 + 1 + 67];
        "desc"u8.CopyTo(data);
        BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(8), text.Length + 1);
        System.Text.Encoding.ASCII.GetBytes(text).CopyTo(data.AsSpan(12));
        return data;
    }
}
