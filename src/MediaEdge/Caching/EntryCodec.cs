using System.Buffers.Binary;
using System.Text.Json;

namespace MediaEdge.Caching;

/// <summary>
/// How entries are laid out in Redis: a version byte, the header's length, the body's length, a JSON header (metadata),
/// then the body bytes as they are, so a 500 KB image costs no base64 and no copy beyond the one buffer.
/// </summary>
public static class EntryCodec
{
    // 2: the body's length is stored too, so a value cut short anywhere is refused.
    private const byte Version = 2;
    private const int Prefix = 1 + 4 + 4;

    public static byte[] Encode<THeader>(THeader header, ReadOnlySpan<byte> body)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(header);
        var buffer = new byte[Prefix + json.Length + body.Length];
        buffer[0] = Version;
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(1, 4), json.Length);
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(5, 4), body.Length);
        json.CopyTo(buffer.AsSpan(Prefix));
        body.CopyTo(buffer.AsSpan(Prefix + json.Length));
        return buffer;
    }

    /// <returns>False for anything this version did not write (an older layout, a truncated or extended value).</returns>
    public static bool TryDecode<THeader>(byte[] buffer, out THeader? header, out ReadOnlyMemory<byte> body)
    {
        header = default;
        body = default;
        if (buffer.Length < Prefix || buffer[0] != Version)
        {
            return false;
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(1, 4));
        var bodyLength = BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(5, 4));
        if (length < 0 || bodyLength < 0 || (long)Prefix + length + bodyLength != buffer.Length)
        {
            return false;
        }

        try
        {
            header = JsonSerializer.Deserialize<THeader>(buffer.AsSpan(Prefix, length));
        }
        catch (JsonException)
        {
            return false;
        }

        body = buffer.AsMemory(Prefix + length);
        return header is not null;
    }
}
