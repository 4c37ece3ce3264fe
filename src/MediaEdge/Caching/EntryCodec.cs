using System.Buffers.Binary;
using System.Text.Json;

namespace MediaEdge.Caching;

/// <summary>
/// How entries are laid out in Redis: a version byte, the header's length, a JSON header (metadata), then the body bytes
/// as they are, so a 500 KB image costs no base64 and no copy beyond the one buffer.
/// </summary>
public static class EntryCodec
{
    private const byte Version = 1;

    public static byte[] Encode<THeader>(THeader header, ReadOnlySpan<byte> body)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(header);
        var buffer = new byte[1 + 4 + json.Length + body.Length];
        buffer[0] = Version;
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(1, 4), json.Length);
        json.CopyTo(buffer.AsSpan(5));
        body.CopyTo(buffer.AsSpan(5 + json.Length));
        return buffer;
    }

    /// <returns>False for anything this version did not write (an older layout, a truncated value).</returns>
    public static bool TryDecode<THeader>(byte[] buffer, out THeader? header, out ReadOnlyMemory<byte> body)
    {
        header = default;
        body = default;
        if (buffer.Length < 5 || buffer[0] != Version)
        {
            return false;
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(1, 4));
        if (length < 0 || 5L + length > buffer.Length)
        {
            return false;
        }

        try
        {
            header = JsonSerializer.Deserialize<THeader>(buffer.AsSpan(5, length));
        }
        catch (JsonException)
        {
            return false;
        }

        body = buffer.AsMemory(5 + length);
        return header is not null;
    }
}
