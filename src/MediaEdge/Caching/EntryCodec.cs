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
        var head = EncodeHead(header, body.Length);
        var buffer = new byte[head.Length + body.Length];
        head.CopyTo(buffer, 0);
        body.CopyTo(buffer.AsSpan(head.Length));
        return buffer;
    }

    /// <summary>The entry up to its body (the prefix and the JSON header), for a writer that streams the body after it.</summary>
    public static byte[] EncodeHead<THeader>(THeader header, int bodyLength)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(header);
        var head = new byte[Prefix + json.Length];
        head[0] = Version;
        BinaryPrimitives.WriteInt32LittleEndian(head.AsSpan(1, 4), json.Length);
        BinaryPrimitives.WriteInt32LittleEndian(head.AsSpan(5, 4), bodyLength);
        json.CopyTo(head.AsSpan(Prefix));
        return head;
    }

    /// <summary>The header of the entry <paramref name="stream"/> holds from its start, read without its body; false unless the stream's length is exactly the entry's.</summary>
    public static bool TryReadHead<THeader>(Stream stream, out THeader? header)
    {
        header = default;
        Span<byte> prefix = stackalloc byte[Prefix];
        if (stream.ReadAtLeast(prefix, Prefix, throwOnEndOfStream: false) != Prefix || prefix[0] != Version)
        {
            return false;
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(prefix[1..5]);
        var bodyLength = BinaryPrimitives.ReadInt32LittleEndian(prefix[5..9]);
        if (length < 0 || bodyLength < 0 || (long)Prefix + length + bodyLength != stream.Length)
        {
            return false;
        }

        var json = new byte[length];
        stream.ReadExactly(json);
        return TryParse(json, out header);
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

        body = buffer.AsMemory(Prefix + length);
        return TryParse(buffer.AsSpan(Prefix, length), out header);
    }

    private static bool TryParse<THeader>(ReadOnlySpan<byte> json, out THeader? header)
    {
        try
        {
            header = JsonSerializer.Deserialize<THeader>(json);
        }
        catch (JsonException)
        {
            header = default;
            return false;
        }

        return header is not null;
    }
}
