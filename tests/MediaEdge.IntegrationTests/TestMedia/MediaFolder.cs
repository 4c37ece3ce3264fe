using System.Buffers.Binary;
using System.Diagnostics;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MediaEdge.IntegrationTests.TestMedia;

/// <summary>
/// The folder every test server serves as its <c>local</c> source: a temporary copy of the project's Media/ folder,
/// plus the hostile files too big to keep in the repository (generated once per run), a synthetic image for
/// <c>crop=entropy</c>, and symbolic links that point inside and outside the root. Built once, deleted at exit.
/// </summary>
public sealed class MediaFolder
{
    private static readonly Lazy<MediaFolder> Instance = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    private MediaFolder(string root, string outside)
    {
        Root = root;
        Outside = outside;
    }

    public static MediaFolder Shared => Instance.Value;

    /// <summary>The served root.</summary>
    public string Root { get; }

    /// <summary>A sibling of <see cref="Root"/> holding <c>secret.jpg</c>, a valid JPEG that must never be served.</summary>
    public string Outside { get; }

    /// <summary>The project's own copy of a test file, as checked in.</summary>
    public static string Checkedin(string name) => Path.Combine(AppContext.BaseDirectory, "Media", name);

    public string PathOf(string key) => Path.Combine(Root, key);

    public byte[] Read(string key) => File.ReadAllBytes(PathOf(key));

    /// <summary>Copies a file under a new, unique key, so a test can count origin reads of a source nobody has asked for yet.</summary>
    public string FreshCopy(string key)
    {
        var fresh = $"fresh/{Path.GetFileNameWithoutExtension(key)}-{Guid.NewGuid():N}{Path.GetExtension(key)}";
        File.Copy(PathOf(key), PathOf(fresh));
        return fresh;
    }

    private static MediaFolder Create()
    {
        var top = Path.Combine(Path.GetTempPath(), "mediaedge-it", Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        RemoveLeftovers(Path.GetDirectoryName(top)!);
        var root = Path.Combine(top, "media");
        var outside = Path.Combine(top, "outside");
        Directory.CreateDirectory(outside);
        CopyTree(Path.Combine(AppContext.BaseDirectory, "Media"), root);
        Directory.CreateDirectory(Path.Combine(root, "fresh"));
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(top, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless; the run's result is what matters.
            }
        };

        var bad = Path.Combine(root, "bad");
        PngBombWriter.Write(Path.Combine(bad, "bomb-900mp.png"), 30000, 30000);
        FlatGifWriter.Write(Path.Combine(bad, "frames-3000.gif"), 160, 160, 3000);
        FlatGifWriter.Write(Path.Combine(bad, "frames-20-of-36mp.gif"), 6000, 6000, 20);
        File.WriteAllBytes(Path.Combine(bad, "random-bytes.mp4"), RandomBytes(200_000, seed: 2));
        File.WriteAllBytes(Path.Combine(bad, "huge-dims-frame.jpg"), WithFrameSize(File.ReadAllBytes(Path.Combine(root, "small.jpg")), 65000, 65000));
        WriteEntropyImage(Path.Combine(root, "entropy.png"));

        File.Copy(Path.Combine(root, "small.jpg"), Path.Combine(outside, "secret.jpg"));
        var links = Path.Combine(root, "links");
        Directory.CreateDirectory(links);
        File.CreateSymbolicLink(Path.Combine(links, "outside.jpg"), Path.Combine(outside, "secret.jpg"));
        File.CreateSymbolicLink(Path.Combine(links, "outside-relative.jpg"), "../../outside/secret.jpg");
        Directory.CreateSymbolicLink(Path.Combine(links, "outside-dir"), outside);
        File.CreateSymbolicLink(Path.Combine(links, "inside.jpg"), "../small.jpg");
        return new MediaFolder(root, outside);
    }

    /// <summary>Deletes the folders of earlier runs whose process is gone (a test host killed before its exit handler finished).</summary>
    private static void RemoveLeftovers(string parent)
    {
        if (!Directory.Exists(parent))
        {
            return;
        }

        foreach (var folder in Directory.EnumerateDirectories(parent))
        {
            if (int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && (pid == Environment.ProcessId || !IsRunning(pid)))
            {
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (IOException)
                {
                    // Another run is cleaning up the same leftover.
                }
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var folder in Directory.EnumerateDirectories(from))
        {
            CopyTree(folder, Path.Combine(to, Path.GetFileName(folder)));
        }
    }

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>A whole, valid JPEG whose frame header (SOF), not just an embedded thumbnail's, claims the given size.</summary>
    private static byte[] WithFrameSize(byte[] jpeg, int width, int height)
    {
        var pos = 2;
        while (pos + 9 < jpeg.Length && jpeg[pos] == 0xFF)
        {
            var marker = jpeg[pos + 1];
            if (marker is >= 0xC0 and <= 0xC3)
            {
                BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(pos + 5), (ushort)height);
                BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(pos + 7), (ushort)width);
                return jpeg;
            }

            pos += 2 + BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(pos + 2));
        }

        throw new InvalidDataException("No frame header found before the image data.");
    }

    /// <summary>800x400: the left half flat grey, the right half noise, so the most detailed window is unambiguous.</summary>
    private static void WriteEntropyImage(string path)
    {
        using var image = new Image<Rgb24>(800, 400, new Rgb24(128, 128, 128));
        var random = new Random(7);
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 400; x < image.Width; x++)
            {
                var v = (byte)random.Next(256);
                image[x, y] = new Rgb24(v, (byte)(255 - v), (byte)random.Next(256));
            }
        }

        image.SaveAsPng(path);
    }
}
