using System.Buffers.Binary;
using System.Text;

namespace MediaEdge.IntegrationTests.Images.Generated;

/// <summary>
/// Small matrix/TRC ICC profiles (RGB or grey; v2 with curv and textDescription, or v4 with para and mluc) built by the
/// test from chromaticities and a gamma (ICC.1:2010 sections 7 and 10; colorants Bradford-adapted to D50, Annex E), so
/// each colour case states exactly what its source describes.
/// </summary>
internal static class IccProfiles
{
    private static readonly double[] D50 = [0.9642, 1.0, 0.8249];
    private static readonly (double X, double Y) D65 = (0.3127, 0.3290);

    /// <summary>The sRGB curve as a parametric curve (type 3); a negative gamma asks for it.</summary>
    public const double SrgbCurve = -1;

    /// <summary>Display P3 as Apple and browsers ship it: v4, DCI-P3 primaries, D65, the sRGB curve.</summary>
    public static byte[] DisplayP3V4 { get; } = Rgb("Display P3 (test)", 4, (0.680, 0.320), (0.265, 0.690), (0.150, 0.060), SrgbCurve);

    /// <summary>Adobe RGB (1998): v2, gamma 563/256 in a curv.</summary>
    public static byte[] AdobeRgbV2 { get; } = Rgb("Adobe RGB (1998) (test)", 2, (0.64, 0.33), (0.21, 0.71), (0.15, 0.06), 563 / 256.0);

    /// <summary>sRGB's primaries and curve in a v4 profile: the colours must come out as stored.</summary>
    public static byte[] SrgbV4 { get; } = Rgb("sRGB (test)", 4, (0.64, 0.33), (0.30, 0.60), (0.15, 0.06), SrgbCurve);

    /// <summary>A grey profile whose samples are linear light (v2, curv gamma 1.0): grey 128 is sRGB 188.</summary>
    public static byte[] GreyLinearV2 { get; } = Grey("Grey linear (test)", 2, 1.0);

    /// <summary>A v4 grey profile with a parametric gamma of 1.8: grey 128 is sRGB 146.</summary>
    public static byte[] GreyGamma18V4 { get; } = Grey("Grey gamma 1.8 (test)", 4, 1.8);

    public static byte[] Rgb(string name, int major, (double X, double Y) r, (double X, double Y) g, (double X, double Y) b, double gamma)
    {
        var columns = Colorants(r, g, b, D65);
        var curve = Curve(major, gamma);
        return Assemble(major, "RGB ",
        [
            ("desc", Description(name, major)),
            ("cprt", Text("No copyright, test data", major)),
            ("wtpt", Xyz(D50)),
            ("rXYZ", Xyz(columns[0])),
            ("gXYZ", Xyz(columns[1])),
            ("bXYZ", Xyz(columns[2])),
            ("rTRC", curve),
            ("gTRC", curve),
            ("bTRC", curve),
        ]);
    }

    public static byte[] Grey(string name, int major, double gamma) => Assemble(major, "GRAY",
    [
        ("desc", Description(name, major)),
        ("cprt", Text("No copyright, test data", major)),
        ("wtpt", Xyz(D50)),
        ("kTRC", Curve(major, gamma)),
    ]);

    /// <summary>The sRGB transfer function, sample (0–1) to linear light.</summary>
    public static double SrgbToLinear(double v) => v <= 0.04045 ? v / 12.92 : Math.Pow((v + 0.055) / 1.055, 2.4);

    /// <summary>Linear light (clipped to 0–1) to an 8-bit sRGB sample.</summary>
    public static int LinearToSrgb8(double linear)
    {
        var v = Math.Clamp(linear, 0, 1);
        var encoded = v <= 0.0031308 ? 12.92 * v : (1.055 * Math.Pow(v, 1 / 2.4)) - 0.055;
        return (int)Math.Round(encoded * 255);
    }

    private static double[][] Colorants((double X, double Y) r, (double X, double Y) g, (double X, double Y) b, (double X, double Y) white)
    {
        static double[] ToXyz((double X, double Y) c) => [c.X / c.Y, 1, (1 - c.X - c.Y) / c.Y];
        var w = ToXyz(white);
        double[][] p = [ToXyz(r), ToXyz(g), ToXyz(b)];
        var m = new double[3, 3];
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                m[i, j] = p[j][i];
            }
        }

        var s = Multiply(Invert(m), w);
        var bradford = new double[,] { { 0.8951, 0.2664, -0.1614 }, { -0.7502, 1.7135, 0.0367 }, { 0.0389, -0.0685, 1.0296 } };
        var from = Multiply(bradford, w);
        var to = Multiply(bradford, D50);
        var back = Invert(bradford);
        var result = new double[3][];
        for (var i = 0; i < 3; i++)
        {
            var cone = Multiply(bradford, [p[i][0] * s[i], p[i][1] * s[i], p[i][2] * s[i]]);
            for (var k = 0; k < 3; k++)
            {
                cone[k] *= to[k] / from[k];
            }

            result[i] = Multiply(back, cone);
        }

        return result;
    }

    private static double[] Multiply(double[,] a, double[] v) =>
    [
        (a[0, 0] * v[0]) + (a[0, 1] * v[1]) + (a[0, 2] * v[2]),
        (a[1, 0] * v[0]) + (a[1, 1] * v[1]) + (a[1, 2] * v[2]),
        (a[2, 0] * v[0]) + (a[2, 1] * v[1]) + (a[2, 2] * v[2]),
    ];

    private static double[,] Invert(double[,] a)
    {
        var det = (a[0, 0] * ((a[1, 1] * a[2, 2]) - (a[1, 2] * a[2, 1]))) - (a[0, 1] * ((a[1, 0] * a[2, 2]) - (a[1, 2] * a[2, 0]))) + (a[0, 2] * ((a[1, 0] * a[2, 1]) - (a[1, 1] * a[2, 0])));
        return new[,]
        {
            { ((a[1, 1] * a[2, 2]) - (a[1, 2] * a[2, 1])) / det, ((a[0, 2] * a[2, 1]) - (a[0, 1] * a[2, 2])) / det, ((a[0, 1] * a[1, 2]) - (a[0, 2] * a[1, 1])) / det },
            { ((a[1, 2] * a[2, 0]) - (a[1, 0] * a[2, 2])) / det, ((a[0, 0] * a[2, 2]) - (a[0, 2] * a[2, 0])) / det, ((a[0, 2] * a[1, 0]) - (a[0, 0] * a[1, 2])) / det },
            { ((a[1, 0] * a[2, 1]) - (a[1, 1] * a[2, 0])) / det, ((a[0, 1] * a[2, 0]) - (a[0, 0] * a[2, 1])) / det, ((a[0, 0] * a[1, 1]) - (a[0, 1] * a[1, 0])) / det },
        };
    }

    private static byte[] Assemble(int major, string space, (string Signature, byte[] Data)[] tags)
    {
        var offsets = new int[tags.Length];
        var size = 128 + 4 + (12 * tags.Length);
        for (var i = 0; i < tags.Length; i++)
        {
            offsets[i] = size;
            size += (tags[i].Data.Length + 3) & ~3;
        }

        var icc = new byte[size];
        BinaryPrimitives.WriteInt32BigEndian(icc, size);
        icc[8] = (byte)major;
        icc[9] = major >= 4 ? (byte)0x30 : (byte)0x10;
        Encoding.ASCII.GetBytes("mntr").CopyTo(icc, 12);
        Encoding.ASCII.GetBytes(space).CopyTo(icc, 16);
        Encoding.ASCII.GetBytes("XYZ ").CopyTo(icc, 20);
        BinaryPrimitives.WriteUInt16BigEndian(icc.AsSpan(24), 2026);
        BinaryPrimitives.WriteUInt16BigEndian(icc.AsSpan(26), 1);
        BinaryPrimitives.WriteUInt16BigEndian(icc.AsSpan(28), 1);
        Encoding.ASCII.GetBytes("acsp").CopyTo(icc, 36);
        WriteXyz(icc.AsSpan(68), D50);
        BinaryPrimitives.WriteInt32BigEndian(icc.AsSpan(128), tags.Length);
        for (var i = 0; i < tags.Length; i++)
        {
            Encoding.ASCII.GetBytes(tags[i].Signature).CopyTo(icc, 132 + (12 * i));
            BinaryPrimitives.WriteInt32BigEndian(icc.AsSpan(136 + (12 * i)), offsets[i]);
            BinaryPrimitives.WriteInt32BigEndian(icc.AsSpan(140 + (12 * i)), tags[i].Data.Length);
            tags[i].Data.CopyTo(icc, offsets[i]);
        }

        return icc;
    }

    private static byte[] Xyz(double[] v)
    {
        var data = new byte[20];
        Encoding.ASCII.GetBytes("XYZ ").CopyTo(data, 0);
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

    /// <summary>v2: curv (one u8Fixed8 gamma, or a 1024-entry table for the sRGB curve); v4: para (type 0, or type 3 for sRGB).</summary>
    private static byte[] Curve(int major, double gamma)
    {
        if (major >= 4)
        {
            double[] p = gamma < 0 ? [2.4, 1 / 1.055, 0.055 / 1.055, 1 / 12.92, 0.04045] : [gamma];
            var para = new byte[12 + (4 * p.Length)];
            Encoding.ASCII.GetBytes("para").CopyTo(para, 0);
            BinaryPrimitives.WriteUInt16BigEndian(para.AsSpan(8), (ushort)(gamma < 0 ? 3 : 0));
            for (var i = 0; i < p.Length; i++)
            {
                BinaryPrimitives.WriteInt32BigEndian(para.AsSpan(12 + (4 * i)), (int)Math.Round(p[i] * 65536));
            }

            return para;
        }

        var entries = gamma < 0 ? 1024 : 1;
        var curv = new byte[12 + (2 * entries)];
        Encoding.ASCII.GetBytes("curv").CopyTo(curv, 0);
        BinaryPrimitives.WriteInt32BigEndian(curv.AsSpan(8), entries);
        if (entries == 1)
        {
            BinaryPrimitives.WriteUInt16BigEndian(curv.AsSpan(12), (ushort)Math.Round(gamma * 256));
        }
        else
        {
            for (var i = 0; i < entries; i++)
            {
                BinaryPrimitives.WriteUInt16BigEndian(curv.AsSpan(12 + (2 * i)), (ushort)Math.Round(SrgbToLinear(i / (entries - 1.0)) * 65535));
            }
        }

        return curv;
    }

    private static byte[] Description(string text, int major) => major >= 4 ? Mluc(text) : TextDescription(text);

    private static byte[] Text(string text, int major) => major >= 4 ? Mluc(text) : [.. "text"u8, 0, 0, 0, 0, .. Encoding.ASCII.GetBytes(text), 0];

    private static byte[] TextDescription(string text)
    {
        var ascii = Encoding.ASCII.GetBytes(text);
        var data = new byte[12 + ascii.Length + 1 + 4 + 4 + 2 + 1 + 67];
        Encoding.ASCII.GetBytes("desc").CopyTo(data, 0);
        BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(8), ascii.Length + 1);
        ascii.CopyTo(data, 12);
        return data;
    }

    private static byte[] Mluc(string text)
    {
        var utf16 = Encoding.BigEndianUnicode.GetBytes(text);
        var data = new byte[28 + utf16.Length];
        Encoding.ASCII.GetBytes("mluc").CopyTo(data, 0);
        BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(8), 1);
        BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(12), 12);
        Encoding.ASCII.GetBytes("enUS").CopyTo(data, 16);
        BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(20), utf16.Length);
        BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(24), 28);
        utf16.CopyTo(data, 28);
        return data;
    }
}
