using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace MediaEdge.IntegrationTests.Fuzz;

/// <summary>
/// The fuzzing source: 64x48 images in each input format, so a valid transform costs a millisecond, and a
/// 1000-byte original for ranges. Made in a temporary folder, deleted on dispose.
/// </summary>
public sealed class FuzzMedia : IDisposable
{
    public const int Width = 64;
    public const int Height = 48;
    public const int OriginalLength = 1000;

    /// <summary>Keys of the images, as they are named on disk (not URL-encoded).</summary>
    public static readonly string[] ImageKeys = ["tiny.jpg", "tiny.png", "tiny.gif", "tiny.webp", "sub/ünï cødé.jpg", "sub/a+b & c=d.png"];

    public const string OriginalKey = "tiny.bin";

    /// <summary>A 2 MiB original, for ranges that would amplify a response if they were not coalesced.</summary>
    public const string LargeOriginalKey = "large.bin";

    public const int LargeOriginalLength = 2 * 1024 * 1024;

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("mediaedge-fuzz-");

    public FuzzMedia()
    {
        Directory.CreateDirectory(Path.Combine(Root, "sub"));
        using var image = new Image<Rgba32>(Width, Height);
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                image[x, y] = new Rgba32((byte)(x * 4), (byte)(y * 5), (byte)((x + y) * 2), (byte)(x < 8 ? 128 : 255));
            }
        }

        image.SaveAsJpeg(PathOf("tiny.jpg"));
        image.SaveAsPng(PathOf("tiny.png"));
        image.SaveAsWebp(PathOf("tiny.webp"));
        image.SaveAsJpeg(PathOf("sub/ünï cødé.jpg"));
        image.SaveAsPng(PathOf("sub/a+b & c=d.png"));
        using (var animation = image.Clone())
        {
            using var second = image.Clone();
            second.Mutate(ctx => ctx.Invert());
            animation.Frames.AddFrame(second.Frames.RootFrame);
            animation.SaveAsGif(PathOf("tiny.gif"), new GifEncoder());
        }

        File.WriteAllBytes(PathOf(OriginalKey), Original);
        var large = new byte[LargeOriginalLength];
        new Random(3).NextBytes(large);
        File.WriteAllBytes(PathOf(LargeOriginalKey), large);
    }

    /// <summary>The bytes of <see cref="OriginalKey"/>: position i holds i * 7 mod 251, so any slice is recognisable.</summary>
    public static byte[] Original { get; } = Enumerable.Range(0, OriginalLength).Select(i => (byte)(i * 7 % 251)).ToArray();

    public string Root => _folder.FullName;

    public string PathOf(string key) => Path.Combine(Root, key);

    public void Dispose() => _folder.Delete(recursive: true);
}
