using MediaEdge.Benchmarks;
using MediaEdge.Imaging;
using VImage = NetVips.Image;

namespace MediaEdge.Tests.Imaging.Vips;

/// <summary>The peer benchmark's photos (<c>benchmarks/Peers/photos</c>), and SSIM on the luma of two rendered images.</summary>
internal static class PeerPhotos
{
    /// <summary>The bytes of photo <paramref name="name"/>, found above the test's output folder.</summary>
    public static byte[] Read(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "benchmarks", "Peers", "photos", name);
            if (File.Exists(path))
            {
                return File.ReadAllBytes(path);
            }
        }

        throw new FileNotFoundException("The peer benchmark's photo was not found above " + AppContext.BaseDirectory, name);
    }

    /// <summary>SSIM (0 to 1) of <paramref name="distorted"/> against <paramref name="reference"/>, on luma; both the same size.</summary>
    public static double Score(EncodedImage reference, EncodedImage distorted) =>
        Ssim.Score(Luma(reference), Luma(distorted), reference.Width, reference.Height);

    /// <summary>The image's luma, one byte per pixel, alpha flattened onto black.</summary>
    public static byte[] Luma(EncodedImage image)
    {
        using var decoded = VImage.NewFromBuffer(image.Bytes.ToArray());
        using var rgb = decoded.HasAlpha() ? decoded.Flatten() : decoded.Copy();
        return Ssim.Luma(rgb.WriteToMemory<byte>(), rgb.Width, rgb.Height);
    }
}
