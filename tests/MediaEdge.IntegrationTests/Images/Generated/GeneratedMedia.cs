using NetVips;
using VImage = NetVips.Image;

namespace MediaEdge.IntegrationTests.Images.Generated;

/// <summary>Writes test sources into the served media folder under <c>generated/</c>, and makes their pixels with libvips.</summary>
internal static class GeneratedMedia
{
    /// <summary>Writes the bytes as <c>generated/{name}</c> in the served folder and returns the key to request.</summary>
    public static string Write(string name, byte[] bytes)
    {
        var key = $"generated/{name}";
        var path = MediaFolder.Shared.PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return key;
    }

    /// <summary>A width x height image of one colour: 1 band grey, 2 grey and alpha, 3 RGB, 4 RGBA; 8-bit, or 16-bit where asked.</summary>
    public static VImage Solid(int width, int height, double[] colour, bool sixteenBit = false)
    {
        // The constant takes the template's band format, so the template is cast first.
        using var black = VImage.Black(width, height, bands: colour.Length);
        using var template = black.Cast(sixteenBit ? Enums.BandFormat.Ushort : Enums.BandFormat.Uchar);
        using var filled = template.NewFromImage(colour);
        var interpretation = colour.Length <= 2
            ? (sixteenBit ? Enums.Interpretation.Grey16 : Enums.Interpretation.Bw)
            : (sixteenBit ? Enums.Interpretation.Rgb16 : Enums.Interpretation.Srgb);
        return filled.Copy(interpretation: interpretation);
    }

    /// <summary>An image built from its pixels (rows of RGBA bytes).</summary>
    public static VImage FromRgba(int width, int height, Func<int, int, (byte R, byte G, byte B, byte A)> pixel)
    {
        var bytes = new byte[width * height * 4];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var (r, g, b, a) = pixel(x, y);
                var at = ((y * width) + x) * 4;
                (bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]) = (r, g, b, a);
            }
        }

        using var raw = VImage.NewFromMemory(bytes, width, height, 4, Enums.BandFormat.Uchar);
        return raw.Copy(interpretation: Enums.Interpretation.Srgb);
    }

    /// <summary>The image saved in the format the suffix names (".png", ".webp[lossless]", ".tif"…), carrying <paramref name="icc"/> where given.</summary>
    public static byte[] Save(VImage image, string suffix, byte[]? icc = null)
    {
        if (icc is null)
        {
            return image.WriteToBuffer(suffix, new VOption { { "keep", Enums.ForeignKeep.None } });
        }

        using var tagged = image.Mutate(m => m.Set(GValue.BlobType, "icc-profile-data", icc));
        return tagged.WriteToBuffer(suffix, new VOption { { "keep", Enums.ForeignKeep.Icc } });
    }
}
