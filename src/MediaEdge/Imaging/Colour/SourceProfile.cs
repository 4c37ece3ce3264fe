using System.Buffers.Binary;
using System.IO.Compression;

namespace MediaEdge.Imaging.Colour;

/// <summary>
/// The colour description a browser applies to a source, read from the container itself: the ICC profile embedded in a JPEG
/// (APP2), PNG (iCCP), WebP (ICCP) or TIFF (tag 34675), else the one a PNG's gAMA and cHRM chunks imply. Decoders differ in
/// what they pass on (ImageSharp 2.1 drops iCCP and TIFF profiles, libvips drops gAMA), so both engines ask here.
/// </summary>
internal static class SourceProfile
{
    /// <summary>Profiles larger than this are not read (the largest press profiles are a few MB).</summary>
    private const int MaxProfileBytes = 16 << 20;

    /// <summary>A gAMA within this of 1/2.2 with sRGB's primaries is sRGB as its writer meant it (the PNG spec pairs them).</summary>
    private const double SrgbGammaSlack = 0.05;

    private static readonly (double X, double Y)[] SrgbChromaticities = [(0.3127, 0.3290), (0.64, 0.33), (0.30, 0.60), (0.15, 0.06)];

    /// <summary>
    /// The embedded profile, else the implied one; null where the source is sRGB or says nothing. A profile for another colour
    /// space than the pixels' (a grey profile on RGB samples) is ignored, as browsers ignore it.
    /// </summary>
    public static byte[]? Read(ReadOnlySpan<byte> source, SourceFormat format)
    {
        var (embedded, space) = format switch
        {
            SourceFormat.Jpeg => Jpeg(source),
            SourceFormat.Png => (Png(source).Embedded, PngSpace(source)),
            SourceFormat.Webp => (Webp(source), "RGB "),
            SourceFormat.Tiff => (Tiff(source), TiffSpace(source)),
            _ => (null, null),
        };
        return embedded is not null && LooksLikeIcc(embedded) && space is not null && embedded.AsSpan(16, 4).SequenceEqual(System.Text.Encoding.ASCII.GetBytes(space))
            ? embedded
            : Implied(source, format);
    }

    /// <summary>The profile a PNG's gAMA (with or without cHRM) describes, where it has neither iCCP nor sRGB and is not sRGB in all but name.</summary>
    public static byte[]? Implied(ReadOnlySpan<byte> source, SourceFormat format) => format == SourceFormat.Png ? Png(source).Implied : null;

    /// <summary>Enough of an ICC header to be worth handing to a colour engine: the size it claims, and the 'acsp' signature.</summary>
    public static bool LooksLikeIcc(ReadOnlySpan<byte> icc) =>
        icc.Length >= 132 && icc.Slice(36, 4).SequenceEqual("acsp"u8) && BinaryPrimitives.ReadUInt32BigEndian(icc) <= (uint)icc.Length;

    private static (byte[]? Embedded, byte[]? Implied) Png(ReadOnlySpan<byte> png)
    {
        byte[]? embedded = null;
        var srgb = false;
        var grey = false;
        double? gamma = null;
        (double X, double Y)[]? chromaticities = null;
        var pos = 8;
        while (pos + 12 <= png.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(png[pos..]);
            if (length > (uint)(png.Length - pos - 12))
            {
                break;
            }

            var type = png.Slice(pos + 4, 4);
            var data = png.Slice(pos + 8, (int)length);
            if (type.SequenceEqual("IDAT"u8) || type.SequenceEqual("IEND"u8))
            {
                break;
            }

            if (type.SequenceEqual("IHDR"u8) && data.Length >= 13)
            {
                grey = data[9] is 0 or 4;
            }
            else if (type.SequenceEqual("iCCP"u8))
            {
                embedded = InflateIccp(data);
            }
            else if (type.SequenceEqual("sRGB"u8))
            {
                srgb = true;
            }
            else if (type.SequenceEqual("gAMA"u8) && data.Length == 4 && BinaryPrimitives.ReadUInt32BigEndian(data) is > 0 and var g)
            {
                gamma = 100000.0 / g;
            }
            else if (type.SequenceEqual("cHRM"u8) && data.Length == 32)
            {
                chromaticities = new (double, double)[4];
                for (var i = 0; i < 4; i++)
                {
                    chromaticities[i] = (BinaryPrimitives.ReadUInt32BigEndian(data[(8 * i)..]) / 100000.0, BinaryPrimitives.ReadUInt32BigEndian(data[((8 * i) + 4)..]) / 100000.0);
                }
            }

            pos += 12 + (int)length;
        }

        // Browsers take iCCP, then sRGB, then gAMA (with cHRM where present); cHRM alone needs a gamma nobody can guess.
        if (embedded is not null || srgb || gamma is not (>= 0.1 and <= 10) || (gamma is { } g2 && IsSrgb(chromaticities, g2)))
        {
            return (embedded, null);
        }

        if (grey)
        {
            return (null, SyntheticProfile.Grey(gamma.Value));
        }

        return (null, SyntheticProfile.Rgb(chromaticities ?? SrgbChromaticities, gamma.Value) ?? SyntheticProfile.Rgb(SrgbChromaticities, gamma.Value));
    }

    private static bool IsSrgb((double X, double Y)[]? chromaticities, double gamma)
    {
        if (Math.Abs(gamma - 2.2) > SrgbGammaSlack)
        {
            return false;
        }

        if (chromaticities is null)
        {
            return true;
        }

        for (var i = 0; i < 4; i++)
        {
            if (Math.Abs(chromaticities[i].X - SrgbChromaticities[i].X) > 0.01 || Math.Abs(chromaticities[i].Y - SrgbChromaticities[i].Y) > 0.01)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>iCCP: a name of 1–79 bytes, a zero, the compression method (0, zlib), then the compressed profile.</summary>
    private static byte[]? InflateIccp(ReadOnlySpan<byte> data)
    {
        var zero = data[..Math.Min(data.Length, 81)].IndexOf((byte)0);
        if (zero < 1 || zero + 2 > data.Length || data[zero + 1] != 0)
        {
            return null;
        }

        try
        {
            using var input = new MemoryStream(data[(zero + 2)..].ToArray(), writable: false);
            using var zlib = new ZLibStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = zlib.Read(buffer)) > 0)
            {
                if (output.Length + read > MaxProfileBytes)
                {
                    return null;
                }

                output.Write(buffer, 0, read);
            }

            return output.ToArray();
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>The ICC colour space a PNG's colour type needs: grey for types 0 and 4, else RGB.</summary>
    private static string? PngSpace(ReadOnlySpan<byte> png) => png.Length < 26 ? null : png[25] is 0 or 4 ? "GRAY" : "RGB ";

    /// <summary>The ICC colour space a TIFF's photometric interpretation needs.</summary>
    private static string? TiffSpace(ReadOnlySpan<byte> tiff) => TiffTags.Number(tiff, 262) switch
    {
        0 or 1 => "GRAY",
        2 or 3 or 6 => "RGB ",
        5 => "CMYK",
        _ => null,
    };

    /// <summary>
    /// APP2 segments "ICC_PROFILE\0", sequence number, count, then a part of the profile (every part must be there), and the
    /// colour space the frame's component count needs (1 grey, 3 RGB, 4 CMYK).
    /// </summary>
    private static (byte[]? Profile, string? Space) Jpeg(ReadOnlySpan<byte> jpeg)
    {
        string? space = null;
        byte[]?[]? parts = null;
        var pos = 2;
        while (pos + 4 <= jpeg.Length && jpeg[pos] == 0xFF)
        {
            var marker = jpeg[pos + 1];
            if (marker == 0xFF)
            {
                pos++;
                continue;
            }

            if (marker is 0xDA or 0xD9)
            {
                break;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(jpeg[(pos + 2)..]);
            if (length < 2 || pos + 2 + length > jpeg.Length)
            {
                break;
            }

            var data = jpeg.Slice(pos + 4, length - 2);
            if (marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC) && data.Length >= 6)
            {
                space = data[5] switch
                {
                    1 => "GRAY",
                    3 => "RGB ",
                    4 => "CMYK",
                    _ => null,
                };
            }
            else if (marker == 0xE2 && data.Length > 14 && data[..12].SequenceEqual("ICC_PROFILE\0"u8))
            {
                int sequence = data[12], count = data[13];
                parts ??= new byte[]?[count];
                if (count == parts.Length && sequence >= 1 && sequence <= count)
                {
                    parts[sequence - 1] = data[14..].ToArray();
                }
            }

            pos += 2 + length;
        }

        if (parts is null || parts.Length == 0 || parts.Any(p => p is null))
        {
            return (null, space);
        }

        return (parts.SelectMany(p => p!).ToArray(), space);
    }

    private static byte[]? Webp(ReadOnlySpan<byte> webp)
    {
        var pos = 12;
        while (pos + 8 <= webp.Length)
        {
            var size = BinaryPrimitives.ReadUInt32LittleEndian(webp[(pos + 4)..]);
            if (size > (uint)(webp.Length - pos - 8))
            {
                break;
            }

            if (webp.Slice(pos, 4).SequenceEqual("ICCP"u8))
            {
                return webp.Slice(pos + 8, (int)size).ToArray();
            }

            pos += 8 + (int)size + (int)(size & 1);
        }

        return null;
    }

    /// <summary>Tag 34675 (InterColorProfile) of the first IFD of a classic TIFF.</summary>
    private static byte[]? Tiff(ReadOnlySpan<byte> tiff)
    {
        var entry = TiffTags.Find(tiff, 34675);
        return entry is { } e && e.Count <= MaxProfileBytes && e.Offset + (long)e.Count <= tiff.Length ? tiff.Slice((int)e.Offset, (int)e.Count).ToArray() : null;
    }
}
