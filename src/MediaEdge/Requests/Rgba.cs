using System.Globalization;

namespace MediaEdge.Requests;

/// <summary>A colour from <c>bg</c>: imgix hex forms RGB, ARGB, RRGGBB, AARRGGBB.</summary>
public readonly record struct Rgba(byte R, byte G, byte B, byte A)
{
    public static Rgba White => new(255, 255, 255, 255);

    public static Rgba Transparent => new(0, 0, 0, 0);

    public bool IsOpaque => A == 255;

    public static bool TryParseHex(string text, out Rgba color)
    {
        color = default;
        ReadOnlySpan<char> s = text.StartsWith('#') ? text.AsSpan(1) : text.AsSpan();
        foreach (var c in s)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        switch (s.Length)
        {
            case 3:
                color = new(Nibble(s[0]), Nibble(s[1]), Nibble(s[2]), 255);
                return true;
            case 4:
                color = new(Nibble(s[1]), Nibble(s[2]), Nibble(s[3]), Nibble(s[0]));
                return true;
            case 6:
                color = new(Byte(s[..2]), Byte(s[2..4]), Byte(s[4..6]), 255);
                return true;
            case 8:
                color = new(Byte(s[2..4]), Byte(s[4..6]), Byte(s[6..8]), Byte(s[..2]));
                return true;
            default:
                return false;
        }
    }

    public override string ToString() => $"{A:x2}{R:x2}{G:x2}{B:x2}";

    private static byte Nibble(char c)
    {
        var v = byte.Parse(c.ToString(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return (byte)((v << 4) | v);
    }

    private static byte Byte(ReadOnlySpan<char> s) => byte.Parse(s, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
