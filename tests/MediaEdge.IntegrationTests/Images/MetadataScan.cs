using System.Buffers.Binary;
using System.Text;

namespace MediaEdge.IntegrationTests.Images;

/// <summary>
/// Walks an output's container structure (JPEG markers, PNG chunks, WebP chunks and VP8X flags, GIF blocks, AVIF items and
/// properties) and lists everything in it that is metadata or a colour description other than sRGB: EXIF, XMP, IPTC, ICC
/// profiles, text and comments. An allow-list, so a kind nobody thought of shows up too.
/// </summary>
internal static class MetadataScan
{
    /// <summary>sRGB's own gAMA and cHRM values (PNG spec 11.3.3.5): harmless beside an sRGB image.</summary>
    private const uint SrgbGamma = 45455;

    private static readonly uint[] SrgbChromaticities = [31270, 32900, 64000, 33000, 30000, 60000, 15000, 6000];

    public static IReadOnlyList<string> Violations(byte[] body) =>
        Magic.IsJpeg(body) ? Jpeg(body)
        : Magic.IsPng(body) ? Png(body)
        : Magic.IsWebp(body) ? Webp(body)
        : Magic.IsGif(body) ? Gif(body)
        : Magic.IsAvif(body) ? Avif(body)
        : [$"not an image format the scan knows ({body.Length} bytes)"];

    /// <summary>Every marker, including those between the scans of a progressive JPEG: only frame, table, scan, restart and the JFIF/Adobe APPs.</summary>
    private static List<string> Jpeg(byte[] jpeg)
    {
        var found = new List<string>();
        var pos = 2;
        while (pos + 4 <= jpeg.Length)
        {
            if (jpeg[pos] != 0xFF)
            {
                found.Add($"bytes at {pos} outside any segment");
                break;
            }

            var marker = jpeg[pos + 1];
            if (marker == 0xD9)
            {
                break;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(pos + 2));
            var payload = jpeg.AsSpan(pos + 4, Math.Min(length - 2, jpeg.Length - pos - 4));
            switch (marker)
            {
                case 0xE0 when payload.StartsWith("JFIF\0"u8) || payload.StartsWith("JFXX\0"u8):
                case 0xEE when payload.StartsWith("Adobe"u8):
                case 0xC4 or 0xCC or 0xDB or 0xDD:
                case >= 0xC0 and <= 0xCF:
                    break;
                case 0xDA:
                    pos += 2 + length;
                    while (pos + 1 < jpeg.Length && !(jpeg[pos] == 0xFF && jpeg[pos + 1] != 0 && jpeg[pos + 1] is not (>= 0xD0 and <= 0xD7)))
                    {
                        pos++;
                    }

                    continue;
                default:
                    found.Add($"JPEG segment FF{marker:X2} ({Describe(payload)})");
                    break;
            }

            pos += 2 + length;
        }

        return found;
    }

    private static List<string> Png(byte[] png)
    {
        var found = new List<string>();
        var pos = 8;
        while (pos + 12 <= png.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(pos));
            var type = Encoding.ASCII.GetString(png, pos + 4, 4);
            var data = png.AsSpan(pos + 8, length);
            var allowed = type switch
            {
                "IHDR" or "PLTE" or "tRNS" or "IDAT" or "IEND" or "pHYs" or "sRGB" or "bKGD" or "sBIT" => true,
                "gAMA" => BinaryPrimitives.ReadUInt32BigEndian(data) == SrgbGamma,
                "cHRM" => IsSrgbChromaticities(data),
                _ => false,
            };
            if (!allowed)
            {
                found.Add($"PNG chunk {type} ({Describe(data)})");
            }

            pos += 12 + length;
        }

        return found;
    }

    private static bool IsSrgbChromaticities(ReadOnlySpan<byte> data)
    {
        for (var i = 0; i < 8; i++)
        {
            if (Math.Abs(BinaryPrimitives.ReadUInt32BigEndian(data[(4 * i)..]) - (long)SrgbChromaticities[i]) > 10)
            {
                return false;
            }
        }

        return true;
    }

    private static List<string> Webp(byte[] webp)
    {
        var found = new List<string>();
        foreach (var chunk in Containers.WebpChunks(webp))
        {
            if (chunk is not ("VP8 " or "VP8L" or "VP8X" or "ALPH" or "ANIM" or "ANMF"))
            {
                found.Add($"WebP chunk {chunk}");
            }
        }

        if (Containers.WebpChunks(webp)[0] == "VP8X" && (webp[20] & 0x2C) != 0)
        {
            found.Add($"WebP VP8X flags 0x{webp[20]:X2} announce ICC (0x20), EXIF (0x08) or XMP (0x04)");
        }

        return found;
    }

    /// <summary>Extensions: graphic control, and the looping application extensions only (no comment, plain text, XMP or ICC application data).</summary>
    private static List<string> Gif(byte[] gif)
    {
        var found = new List<string>();
        var pos = 13 + ((gif[10] & 0x80) != 0 ? 3 * (1 << ((gif[10] & 7) + 1)) : 0);
        while (pos < gif.Length && gif[pos] != 0x3B)
        {
            if (gif[pos] == 0x2C)
            {
                var local = gif[pos + 9];
                pos += 10 + ((local & 0x80) != 0 ? 3 * (1 << ((local & 7) + 1)) : 0) + 1;
                pos = SkipSubBlocks(gif, pos);
                continue;
            }

            if (gif[pos] != 0x21)
            {
                found.Add($"GIF block 0x{gif[pos]:X2} at {pos}");
                break;
            }

            var label = gif[pos + 1];
            var application = label == 0xFF ? Encoding.ASCII.GetString(gif, pos + 3, 11) : null;
            if (!(label == 0xF9 || application is "NETSCAPE2.0" or "ANIMEXTS1.0"))
            {
                found.Add(label switch
                {
                    0xFE => "GIF comment extension",
                    0x01 => "GIF plain text extension",
                    0xFF => $"GIF application extension {application}",
                    _ => $"GIF extension 0x{label:X2}",
                });
            }

            pos = SkipSubBlocks(gif, pos + 2);
        }

        return found;
    }

    /// <summary>Items other than image data (Exif, mime for XMP) and colour properties carrying an ICC profile (colr of type prof or rICC).</summary>
    private static List<string> Avif(byte[] avif)
    {
        var found = new List<string>();
        var meta = Boxes(avif).FirstOrDefault(b => b.Type == "meta");
        if (meta.Type is null)
        {
            return ["AVIF without a meta box"];
        }

        var inner = avif.AsSpan(meta.Start + 4, meta.Length - 4).ToArray();
        foreach (var box in Boxes(inner))
        {
            if (box.Type == "iinf")
            {
                var iinf = inner.AsSpan(box.Start, box.Length).ToArray();
                var header = iinf[0] == 0 ? 6 : 8;
                foreach (var infe in Boxes(iinf.AsSpan(header).ToArray()))
                {
                    var entry = iinf.AsSpan(header + infe.Start, infe.Length);
                    var itemType = entry[0] >= 2 ? Encoding.ASCII.GetString(entry.Slice(entry[0] == 2 ? 8 : 10, 4)) : "?";
                    if (itemType is not ("av01" or "grid" or "iden" or "iovl"))
                    {
                        found.Add($"AVIF item of type {itemType}");
                    }
                }
            }
            else if (box.Type == "iprp")
            {
                var iprp = inner.AsSpan(box.Start, box.Length).ToArray();
                foreach (var ipco in Boxes(iprp).Where(b => b.Type == "ipco"))
                {
                    var properties = iprp.AsSpan(ipco.Start, ipco.Length).ToArray();
                    foreach (var colr in Boxes(properties).Where(b => b.Type == "colr"))
                    {
                        var kind = Encoding.ASCII.GetString(properties, colr.Start, 4);
                        if (kind != "nclx")
                        {
                            found.Add($"AVIF colr property of type {kind} (an ICC profile)");
                        }
                    }
                }
            }
        }

        return found;
    }

    private static List<(string Type, int Start, int Length)> Boxes(byte[] data)
    {
        var boxes = new List<(string, int, int)>();
        var pos = 0;
        while (pos + 8 <= data.Length)
        {
            var size = (int)BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(pos));
            var type = Encoding.ASCII.GetString(data, pos + 4, 4);
            if (size < 8 || pos + size > data.Length)
            {
                size = data.Length - pos;
            }

            boxes.Add((type, pos + 8, size - 8));
            pos += size;
        }

        return boxes;
    }

    private static int SkipSubBlocks(byte[] gif, int pos)
    {
        while (pos < gif.Length && gif[pos] != 0)
        {
            pos += gif[pos] + 1;
        }

        return pos + 1;
    }

    private static string Describe(ReadOnlySpan<byte> payload)
    {
        var text = Encoding.ASCII.GetString(payload[..Math.Min(payload.Length, 24)]);
        return new string(text.Select(c => c is >= ' ' and < (char)127 ? c : '.').ToArray()) + $", {payload.Length} bytes";
    }
}
