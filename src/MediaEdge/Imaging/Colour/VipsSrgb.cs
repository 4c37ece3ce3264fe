using NetVips;
using VImage = NetVips.Image;

namespace MediaEdge.Imaging.Colour;

/// <summary>
/// Brings a libvips image to 8-bit sRGB through the colour description it carries, with lcms2 (libvips's icc_transform): an
/// embedded ICC profile of any kind (RGB, CMYK, grey; v2 or v4; matrix or LUT), else the profile a PNG's chunks imply. Both
/// engines use it: the vips engine for every image, the ImageSharp engine for the profiles it cannot apply itself.
/// </summary>
internal static class VipsSrgb
{
    /// <summary>Converts <paramref name="image"/>, which it takes over (disposing it where it is replaced).</summary>
    /// <param name="implied">Applied where the image has no profile of its own (<see cref="SourceProfile.Implied"/>).</param>
    public static VImage Convert(VImage image, byte[]? implied)
    {
        if (implied is not null && !image.Contains("icc-profile-data"))
        {
            image = Step(image, i => i.Mutate(m => m.Set(GValue.BlobType, "icc-profile-data", implied)));
        }

        if (image.Contains("icc-profile-data"))
        {
            try
            {
                // Perceptual, as browsers do: skcms reads a LUT profile's A2B0 (perceptual) table; matrix profiles have one intent.
                image = Step(image, i => i.IccTransform("srgb", embedded: true, intent: Enums.Intent.Perceptual));
            }
            catch (VipsException)
            {
                // A profile lcms cannot read, or one for another colour space than the pixels': browsers show the pixels as stored.
                image = Step(image, i => i.Mutate(m => m.Remove("icc-profile-data")));
            }
        }

        if (image.Interpretation == Enums.Interpretation.Cmyk)
        {
            // Without a profile, inks convert as ImageSharp and browsers do, R = (255 - C)(255 - K) / 255, not through a guessed press profile.
            image = Step(image, UntaggedCmykToSrgb);
        }

        if (image.Interpretation is not (Enums.Interpretation.Srgb or Enums.Interpretation.Rgb))
        {
            image = Step(image, i => i.Colourspace(Enums.Interpretation.Srgb));
        }

        if (image.Format != Enums.BandFormat.Uchar)
        {
            image = Step(image, i => i.Cast(Enums.BandFormat.Uchar, shift: i.Format == Enums.BandFormat.Ushort));
        }

        return image;
    }

    private static VImage UntaggedCmykToSrgb(VImage cmyk)
    {
        using var inverted = cmyk.ExtractBand(0, n: 4).Linear([-1.0, -1, -1, -1], [255.0, 255, 255, 255]);
        using var cmy = inverted.ExtractBand(0, n: 3);
        using var k = inverted.ExtractBand(3);
        using var product = cmy.Multiply(k);
        using var rgb = product.Linear([1 / 255.0], [0.5]).Cast(Enums.BandFormat.Uchar);
        return rgb.Copy(interpretation: Enums.Interpretation.Srgb);
    }

    private static VImage Step(VImage image, Func<VImage, VImage> operation)
    {
        var next = operation(image);
        if (!ReferenceEquals(next, image))
        {
            image.Dispose();
        }

        return next;
    }
}
