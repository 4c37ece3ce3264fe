using System.Buffers.Binary;
using System.Numerics;

namespace MediaEdge.Imaging;

/// <summary>
/// The parts of an RGB matrix/TRC ICC profile that turn its pixels into XYZ (D50): three colorant columns and three
/// tone curves (curv or para). Read from the profile's bytes (ICC.1:2010, 7.3 tag table; 10.6, 10.18, 10.31 types).
/// A grey TRC profile (kTRC) reads as the same curve on three channels with sRGB's colorants, which sum to the D50 white.
/// </summary>
public sealed class IccMatrixProfile
{
    /// <summary>sRGB's colorants, Bradford-adapted to D50 (as in sRGB's own ICC profiles).</summary>
    private static readonly Vector3[] SrgbColumns = [new(0.4360747f, 0.2225045f, 0.0139322f), new(0.3850649f, 0.7168786f, 0.0971045f), new(0.1430804f, 0.0606169f, 0.7141733f)];

    private readonly Func<double, double>[] _curves;

    private IccMatrixProfile(Vector3[] columns, Func<double, double>[] curves)
    {
        Columns = columns;
        _curves = curves;
    }

    /// <summary>rXYZ, gXYZ, bXYZ: where full red, green and blue land in XYZ (D50).</summary>
    public IReadOnlyList<Vector3> Columns { get; }

    /// <summary>Channel value (0–1) to linear light (0–1).</summary>
    public double Linearize(int channel, double value) => _curves[channel](value);

    public static IccMatrixProfile? TryParse(ReadOnlySpan<byte> icc)
    {
        var grey = icc.Length >= 132 && icc.Slice(16, 4).SequenceEqual("GRAY"u8);
        if (icc.Length < 132 || !(grey || icc.Slice(16, 4).SequenceEqual("RGB "u8)))
        {
            return null;
        }

        var count = BinaryPrimitives.ReadUInt32BigEndian(icc.Slice(128, 4));
        if (count > 200 || 132 + (count * 12) > icc.Length)
        {
            return null;
        }

        var columns = new Vector3?[3];
        var curves = new Func<double, double>?[3];
        for (var i = 0; i < count; i++)
        {
            var entry = icc.Slice(132 + (i * 12), 12);
            var signature = entry[..4];
            var offset = BinaryPrimitives.ReadUInt32BigEndian(entry.Slice(4, 4));
            var size = BinaryPrimitives.ReadUInt32BigEndian(entry.Slice(8, 4));
            if (offset + (long)size > icc.Length || size < 12)
            {
                return null;
            }

            var data = icc.Slice((int)offset, (int)size);
            var channel = Channel(signature, "rXYZ"u8, "gXYZ"u8, "bXYZ"u8);
            if (channel >= 0)
            {
                columns[channel] = data[..4].SequenceEqual("XYZ "u8) && size >= 20
                    ? new Vector3(Fixed(data, 8), Fixed(data, 12), Fixed(data, 16))
                    : null;
                continue;
            }

            channel = Channel(signature, "rTRC"u8, "gTRC"u8, "bTRC"u8);
            if (channel >= 0)
            {
                curves[channel] = Curve(data);
            }
            else if (grey && signature.SequenceEqual("kTRC"u8))
            {
                curves[0] = curves[1] = curves[2] = Curve(data);
            }
        }

        if (grey)
        {
            columns = [SrgbColumns[0], SrgbColumns[1], SrgbColumns[2]];
        }

        if (columns.Any(c => c is null) || curves.Any(c => c is null))
        {
            return null;
        }

        return new IccMatrixProfile(columns.Select(c => c!.Value).ToArray(), curves.Select(c => c!).ToArray());
    }

    private static int Channel(ReadOnlySpan<byte> signature, ReadOnlySpan<byte> r, ReadOnlySpan<byte> g, ReadOnlySpan<byte> b) =>
        signature.SequenceEqual(r) ? 0 : signature.SequenceEqual(g) ? 1 : signature.SequenceEqual(b) ? 2 : -1;

    private static float Fixed(ReadOnlySpan<byte> data, int at) => BinaryPrimitives.ReadInt32BigEndian(data.Slice(at, 4)) / 65536f;

    private static Func<double, double>? Curve(ReadOnlySpan<byte> data)
    {
        if (data[..4].SequenceEqual("curv"u8))
        {
            var n = (int)BinaryPrimitives.ReadUInt32BigEndian(data.Slice(8, 4));
            if (n == 0)
            {
                return x => x;
            }

            if (12 + (n * 2L) > data.Length)
            {
                return null;
            }

            if (n == 1)
            {
                var gamma = BinaryPrimitives.ReadUInt16BigEndian(data.Slice(12, 2)) / 256.0;
                return x => Math.Pow(x, gamma);
            }

            var table = new double[n];
            for (var i = 0; i < n; i++)
            {
                table[i] = BinaryPrimitives.ReadUInt16BigEndian(data.Slice(12 + (i * 2), 2)) / 65535.0;
            }

            return x =>
            {
                var position = x * (table.Length - 1);
                var i = Math.Min((int)position, table.Length - 2);
                var t = position - i;
                return (table[i] * (1 - t)) + (table[i + 1] * t);
            };
        }

        if (data[..4].SequenceEqual("para"u8) && data.Length >= 16)
        {
            var type = BinaryPrimitives.ReadUInt16BigEndian(data.Slice(8, 2));
            int[] counts = [1, 3, 4, 5, 7];
            if (type >= counts.Length || 12 + (counts[type] * 4) > data.Length)
            {
                return null;
            }

            var p = new double[7];
            for (var i = 0; i < counts[type]; i++)
            {
                p[i] = Fixed(data, 12 + (i * 4));
            }

            double g = p[0], a = p[1], b = p[2], c = p[3], d = p[4], e = p[5], f = p[6];
            double Power(double v) => v <= 0 ? 0 : Math.Pow(v, g);
            return type switch
            {
                0 => x => Power(x),
                1 => x => x >= -b / a ? Power((a * x) + b) : 0,
                2 => x => x >= -b / a ? Power((a * x) + b) + c : c,
                3 => x => x >= d ? Power((a * x) + b) : c * x,
                _ => x => x >= d ? Power((a * x) + b) + e : (c * x) + f,
            };
        }

        return null;
    }
}
