using MediaEdge.Requests;

namespace MediaEdge.Imaging;

/// <summary>Tells a source's format from its first bytes, never from its name or content type.</summary>
public static class ImageFormatSniffer
{
    /// <summary>What a 415 for an unknown or unread format tells the uploader.</summary>
    private const string Supported = "Supported formats are JPEG, PNG, GIF, WebP, AVIF, TIFF and BMP.";

    public static SourceFormat Sniff(ReadOnlySpan<byte> data)
    {
        if (data.Length == 0)
        {
            throw Problems.UnsupportedMedia("The source is empty (0 bytes): upload the image again.");
        }

        if (data is [0xFF, 0xD8, 0xFF, ..])
        {
            return SourceFormat.Jpeg;
        }

        if (data is [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, ..])
        {
            return SourceFormat.Png;
        }

        if (data is [(byte)'G', (byte)'I', (byte)'F', (byte)'8', ..])
        {
            return SourceFormat.Gif;
        }

        if (data.Length >= 12 && data[..4].SequenceEqual("RIFF"u8) && data[8..12].SequenceEqual("WEBP"u8))
        {
            return SourceFormat.Webp;
        }

        if (data is [(byte)'B', (byte)'M', ..])
        {
            return SourceFormat.Bmp;
        }

        if (data is [(byte)'I', (byte)'I', 42, 0, ..] or [(byte)'M', (byte)'M', 0, 42, ..])
        {
            return SourceFormat.Tiff;
        }

        if (data.Length >= 12 && data[4..8].SequenceEqual("ftyp"u8))
        {
            return IsoBrand(data);
        }

        if (Unsupported(data) is { } named)
        {
            throw Problems.UnsupportedMedia($"The source is {named}, which MediaEdge does not read. {Supported}");
        }

        var head = System.Text.Encoding.ASCII.GetString(data[..Math.Min(data.Length, 512)]).TrimStart().ToLowerInvariant();
        if (head.StartsWith("<svg", StringComparison.Ordinal) || (head.StartsWith("<?xml", StringComparison.Ordinal) && head.Contains("<svg", StringComparison.Ordinal)))
        {
            throw Problems.UnsupportedMedia("The source is an SVG document. SVG is never served from a transform route; rasterise it at the origin, or fetch it from /o/.");
        }

        if (head.StartsWith('<'))
        {
            throw Problems.UnsupportedMedia("The source is a markup (HTML/XML) document, not an image, whatever its name says.");
        }

        throw Problems.UnsupportedMedia($"The source is not an image MediaEdge can read. {Supported}");
    }

    /// <summary>
    /// An ISO-BMFF file by its brands (the major one, then the compatible ones): AVIF, other HEIF (HEIC), or a video or
    /// image that is neither, named in the refusal.
    /// </summary>
    private static SourceFormat IsoBrand(ReadOnlySpan<byte> data)
    {
        var boxSize = (int)Math.Min(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(data[..4]), (uint)data.Length);
        var heif = false;
        for (var at = 8; at + 4 <= Math.Max(boxSize, 12); at += at == 8 ? 8 : 4)
        {
            var brand = data.Slice(at, 4);
            if (brand.SequenceEqual("avif"u8) || brand.SequenceEqual("avis"u8))
            {
                return SourceFormat.Avif;
            }

            heif |= brand.SequenceEqual("heic"u8) || brand.SequenceEqual("heix"u8) || brand.SequenceEqual("heim"u8) || brand.SequenceEqual("heis"u8)
                || brand.SequenceEqual("hevc"u8) || brand.SequenceEqual("hevx"u8) || brand.SequenceEqual("mif1"u8) || brand.SequenceEqual("msf1"u8);
        }

        if (heif)
        {
            return SourceFormat.Heic;
        }

        var major = System.Text.Encoding.ASCII.GetString(data.Slice(8, 4));
        throw major is "jxl " ? Problems.UnsupportedMedia($"The source is JPEG XL, which MediaEdge does not read. {Supported}")
            : major is "jp2 " or "jpx " or "jpm " ? Problems.UnsupportedMedia($"The source is JPEG 2000, which MediaEdge does not read. {Supported}")
            : Problems.UnsupportedMedia($"The source is an ISO media file (brand '{major.Trim()}': a video or another non-image); images here must be JPEG, PNG, GIF, WebP, AVIF, TIFF or BMP. Videos are served from /video/.");
    }

    /// <summary>Image formats people upload that MediaEdge does not read, by their magic bytes, so a refusal can name them.</summary>
    private static string? Unsupported(ReadOnlySpan<byte> data) => data switch
    {
        [0x00, 0x00, 0x00, 0x0C, (byte)'j', (byte)'P', (byte)' ', (byte)' ', ..] => "JPEG 2000 (JP2)",
        [0xFF, 0x4F, 0xFF, 0x51, ..] => "a JPEG 2000 codestream (J2K)",
        [0xFF, 0x0A, ..] or [0x00, 0x00, 0x00, 0x0C, (byte)'J', (byte)'X', (byte)'L', (byte)' ', ..] => "JPEG XL",
        [(byte)'8', (byte)'B', (byte)'P', (byte)'S', ..] => "a Photoshop document (PSD)",
        [0x00, 0x00, 0x01, 0x00, > 0, ..] => "an icon (ICO)",
        [0x00, 0x00, 0x02, 0x00, > 0, ..] => "a cursor (CUR)",
        [(byte)'I', (byte)'I', 43, 0, ..] or [(byte)'M', (byte)'M', 0, 43, ..] => "a BigTIFF",
        [(byte)'I', (byte)'I', 0x2A, 0x00, 0x10, 0x00, 0x00, 0x00, (byte)'C', (byte)'R', ..] => "a camera raw file (CR2)",
        [(byte)'%', (byte)'P', (byte)'D', (byte)'F', ..] => "a PDF document",
        [0x76, 0x2F, 0x31, 0x01, ..] => "OpenEXR",
        [(byte)'q', (byte)'o', (byte)'i', (byte)'f', ..] => "QOI",
        [(byte)'D', (byte)'D', (byte)'S', (byte)' ', ..] => "a DirectDraw surface (DDS)",
        [(byte)'#', (byte)'?', (byte)'R', (byte)'A', (byte)'D', ..] or [(byte)'#', (byte)'?', (byte)'R', (byte)'G', (byte)'B', ..] => "Radiance HDR",
        _ => null,
    };
}
