using MediaEdge.Imaging.Colour;
using MediaEdge.Imaging.Vips;
using MediaEdge.Limits;
using MediaEdge.Requests;
using NetVips;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Memory;
using SixLabors.ImageSharp.PixelFormats;
using VImage = NetVips.Image;

namespace MediaEdge.Imaging.ImageSharp;

/// <summary>
/// Decodes a source whose colour profile ImageSharp 2.1 cannot apply (CMYK, LUT-based RGB or grey: it has no CMS) with
/// libvips, converts it to sRGB through that profile with lcms2 (<see cref="VipsSrgb"/>), and hands ImageSharp upright
/// 8-bit RGBA pixels. Decoding, not just converting, because ImageSharp's JPEG decoder turns CMYK into RGB without the
/// profile, and those samples cannot be recovered. NetVips is already the other engine; these sources are rare.
/// </summary>
internal static class VipsSourceDecoder
{
    public static Image<Rgba32> Decode(ReadOnlyMemory<byte> source, byte[] profile, SourceFormat format, Configuration configuration, CancellationToken cancellationToken)
    {
        // At the transform's deadline libvips stops, as in the vips engine (VipsDeadline).
        using var deadline = VipsDeadline.Arm(cancellationToken);
        try
        {
            var bytes = System.Runtime.InteropServices.MemoryMarshal.TryGetArray(source, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
                ? segment.Array
                : source.ToArray();
            var image = VipsDeadline.Watch(VImage.NewFromBuffer(bytes, "", Enums.Access.Random, Enums.FailOn.Error));
            image = Replace(image, image.Autorot());
            if (!image.Contains("icc-profile-data"))
            {
                // The profile found in the container (an iCCP that the loader left out, a PNG's gAMA/cHRM) is what to apply.
                image = Replace(image, image.Mutate(m => m.Set(GValue.BlobType, "icc-profile-data", profile)));
            }

            image = VipsSrgb.Convert(image, null);
            if (!image.HasAlpha())
            {
                image = Replace(image, image.Bandjoin(255));
            }

            using (image)
            {
                var pixels = image.WriteToMemory<byte>();
                return SixLabors.ImageSharp.Image.LoadPixelData<Rgba32>(configuration, pixels, image.Width, image.Height);
            }
        }
        catch (InvalidMemoryOperationException e)
        {
            throw Problems.DecodeTooLarge(nameof(LimitsOptions.MaxDecodeAllocationMegabytes), e);
        }
        catch (VipsException e) when (!cancellationToken.IsCancellationRequested)
        {
            var detail = e.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? e.Message;
            throw Problems.Undecodable($"The {format} image data could not be decoded: {detail}", e);
        }
    }

    private static VImage Replace(VImage old, VImage next)
    {
        if (!ReferenceEquals(old, next))
        {
            old.Dispose();
        }

        return next;
    }
}
