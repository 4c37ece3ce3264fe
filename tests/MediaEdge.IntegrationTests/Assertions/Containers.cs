using System.Buffers.Binary;

namespace MediaEdge.IntegrationTests.Assertions;

/// <summary>
/// Reads the structure of a JPEG, WebP or AVIF body by walking its markers, chunks or boxes: what ImageSharp 2.1 cannot
/// tell (a progressive scan, the frames of an animated WebP, an AVIF's size), read independently of the service's own probe.
/// </summary>
public static class Containers
{
    /// <summary>The second byte of the JPEG's frame header marker: 0xC0 baseline, 0xC1 extended, 0xC2 progressive.</summary>
    public static byte JpegFrameMarker(ReadOnlySpan<byte> jpeg)
    {
        Assert.True(Magic.IsJpeg(jpeg), "not a JPEG");
        var pos = 2;
        while (pos + 4 <= jpeg.Length)
        {
            Assert.Equal(0xFF, jpeg[pos]);
            var marker = jpeg[pos + 1];
            if (marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC))
            {
                return marker;
            }

            pos += 2 + BinaryPrimitives.ReadUInt16BigEndian(jpeg[(pos + 2)..]);
        }

        throw new Xunit.Sdk.XunitException("The JPEG has no frame header.");
    }

    /// <summary>The four-character codes of a WebP's chunks, in order (VP8X, ANIM, ANMF… for an animation).</summary>
    public static IReadOnlyList<string> WebpChunks(ReadOnlySpan<byte> webp)
    {
        Assert.True(Magic.IsWebp(webp), "not a WebP");
        Assert.Equal(webp.Length - 8, (int)BinaryPrimitives.ReadUInt32LittleEndian(webp[4..]));
        var chunks = new List<string>();
        var pos = 12;
        while (pos + 8 <= webp.Length)
        {
            chunks.Add(System.Text.Encoding.ASCII.GetString(webp.Slice(pos, 4)));
            var size = (int)BinaryPrimitives.ReadUInt32LittleEndian(webp[(pos + 4)..]);
            pos += 8 + size + (size & 1);
        }

        Assert.Equal(webp.Length, pos);
        return chunks;
    }

    /// <summary>The canvas of an extended WebP (VP8X chunk): the size every frame of an animation is shown at.</summary>
    public static (int Width, int Height) WebpCanvas(ReadOnlySpan<byte> webp)
    {
        Assert.Equal("VP8X", WebpChunks(webp)[0]);
        var payload = webp[20..];
        return (1 + (payload[4] | (payload[5] << 8) | (payload[6] << 16)), 1 + (payload[7] | (payload[8] << 8) | (payload[9] << 16)));
    }

    /// <summary>The size an AVIF declares for its primary image: the first ispe property under meta/iprp/ipco.</summary>
    public static (int Width, int Height) AvifSize(ReadOnlySpan<byte> avif)
    {
        Assert.True(Magic.IsAvif(avif), "not an AVIF");
        var meta = Box(avif, "meta")[4..];
        var ispe = Box(Box(Box(meta, "iprp"), "ipco"), "ispe");
        return ((int)BinaryPrimitives.ReadUInt32BigEndian(ispe[4..]), (int)BinaryPrimitives.ReadUInt32BigEndian(ispe[8..]));
    }

    /// <summary>The payload of the first ISO-BMFF box of the given type among the boxes laid end to end in <paramref name="boxes"/>.</summary>
    private static ReadOnlySpan<byte> Box(ReadOnlySpan<byte> boxes, string type)
    {
        var pos = 0;
        while (pos + 8 <= boxes.Length)
        {
            long size = BinaryPrimitives.ReadUInt32BigEndian(boxes[pos..]);
            var header = 8;
            if (size == 1)
            {
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(boxes[(pos + 8)..]);
                header = 16;
            }
            else if (size == 0)
            {
                size = boxes.Length - pos;
            }

            if (boxes.Slice(pos + 4, 4).SequenceEqual(System.Text.Encoding.ASCII.GetBytes(type)))
            {
                return boxes.Slice(pos + header, (int)size - header);
            }

            pos += (int)size;
        }

        throw new Xunit.Sdk.XunitException($"No '{type}' box found.");
    }
}
