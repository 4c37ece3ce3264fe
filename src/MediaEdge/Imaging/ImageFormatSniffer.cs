using MediaEdge.Requests;

namespace MediaEdge.Imaging;

/// <summary>Tells a source's format from its first bytes, never from its name or content type.</summary>
public static class ImageFormatSniffer
{
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
            var brand = data[8..12];
            if (brand.SequenceEqual("avif"u8) || brand.SequenceEqual("avis"u8))
            {
                return SourceFormat.Avif;
            }

            if (brand.SequenceEqual("heic"u8) || brand.SequenceEqual("heix"u8) || brand.SequenceEqual("mif1"u8))
            {
                return SourceFormat.Heic;
            }
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

        throw Problems.UnsupportedMedia("The source is not an image MediaEdge can read: supported formats are JPEG, PNG, GIF, WebP, BMP and TIFF.");
    }
}
