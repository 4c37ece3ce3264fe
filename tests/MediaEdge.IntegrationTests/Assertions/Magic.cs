namespace MediaEdge.IntegrationTests.Assertions;

/// <summary>What a body is, from its first bytes: the way a browser that honours nosniff would not, and a decoder would.</summary>
public static class Magic
{
    public static bool IsJpeg(ReadOnlySpan<byte> b) => b is [0xFF, 0xD8, 0xFF, ..];

    public static bool IsPng(ReadOnlySpan<byte> b) => b is [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, ..];

    public static bool IsGif(ReadOnlySpan<byte> b) => b.StartsWith("GIF87a"u8) || b.StartsWith("GIF89a"u8);

    public static bool IsWebp(ReadOnlySpan<byte> b) => b.Length >= 12 && b[..4].SequenceEqual("RIFF"u8) && b[8..12].SequenceEqual("WEBP"u8);

    /// <summary>True where the bytes hold the ASCII text anywhere.</summary>
    public static bool Contains(ReadOnlySpan<byte> b, string ascii) => b.IndexOf(System.Text.Encoding.ASCII.GetBytes(ascii)) >= 0;
}
