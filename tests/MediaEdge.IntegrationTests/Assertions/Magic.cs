namespace MediaEdge.IntegrationTests.Assertions;

/// <summary>What a body is, from its first bytes: the way a browser that honours nosniff would not, and a decoder would.</summary>
public static class Magic
{
    public static bool IsJpeg(ReadOnlySpan<byte> b) => b is [0xFF, 0xD8, 0xFF, ..];

    public static bool IsPng(ReadOnlySpan<byte> b) => b is [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, ..];

    public static bool IsGif(ReadOnlySpan<byte> b) => b.StartsWith("GIF87a"u8) || b.StartsWith("GIF89a"u8);

    public static bool IsWebp(ReadOnlySpan<byte> b) => b.Length >= 12 && b[..4].SequenceEqual("RIFF"u8) && b[8..12].SequenceEqual("WEBP"u8);

    /// <summary>An ISO-BMFF file whose ftyp box, at offset 4, names avif as its major brand.</summary>
    public static bool IsAvif(ReadOnlySpan<byte> b) => b.Length >= 12 && b[4..12].SequenceEqual("ftypavif"u8);

    /// <summary>True where the content type's magic bytes start the body.</summary>
    public static bool Matches(string contentType, ReadOnlySpan<byte> b) => contentType switch
    {
        "image/jpeg" => IsJpeg(b),
        "image/png" => IsPng(b),
        "image/webp" => IsWebp(b),
        "image/gif" => IsGif(b),
        "image/avif" => IsAvif(b),
        _ => false,
    };

    /// <summary>True where the bytes hold the ASCII text anywhere.</summary>
    public static bool Contains(ReadOnlySpan<byte> b, string ascii) => b.IndexOf(System.Text.Encoding.ASCII.GetBytes(ascii)) >= 0;
}
