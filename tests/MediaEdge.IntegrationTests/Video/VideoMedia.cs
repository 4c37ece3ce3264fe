using System.Buffers.Binary;
using System.Text;

namespace MediaEdge.IntegrationTests.Video;

/// <summary>
/// The videos the tests use, as keys of the <c>local</c> source: the ones checked in under Media/video/ and three
/// made at run time in the same folder of the served copy (a remux with the index at the end, a cut-off file, noise).
/// </summary>
public static class VideoMedia
{
    /// <summary>21.76 s, 1920x1080 H.264 + AAC, moov before mdat, a keyframe every 2 s.</summary>
    public const string Slideshow = "video/slideshow-1080p.mp4";
    public const long SlideshowBytes = 1_739_059;
    public const double SlideshowSeconds = 21.76;

    /// <summary>1920x1080 stored, tagged with a 90° display rotation.</summary>
    public const string Rotated = "video/rotated-90.mp4";

    /// <summary>12 s, 1280x720 HEVC.</summary>
    public const string Hevc = "video/testsrc-hevc.mp4";

    /// <summary>10 s, 1280x720 VP9 + Opus.</summary>
    public const string Webm = "video/slideshow-720p.webm";

    /// <summary>AAC alone: no frame to take.</summary>
    public const string AudioOnly = "video/audio-only.m4a";

    /// <summary>Generated: the slideshow remuxed by <c>ffmpeg -c copy</c> without faststart, so its moov follows its mdat.</summary>
    public const string MoovAtEnd = "video/slideshow-moov-at-end.mp4";

    /// <summary>Generated: the slideshow's first 300,000 bytes (its index whole, its media data cut after about 3 s).</summary>
    public const string Truncated = "video/truncated.mp4";

    /// <summary>Generated: 200,000 bytes of noise named .mp4.</summary>
    public const string RandomBytes = "video/random-bytes.mp4";

    private static readonly Lazy<Task> Generated = new(GenerateAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The file behind a key, in the folder the servers serve.</summary>
    public static string PathOf(string key) => MediaFolder.Shared.PathOf(key);

    /// <summary>Makes the generated files once per test run.</summary>
    public static Task EnsureGeneratedAsync() => Generated.Value;

    /// <summary>The top-level ISO BMFF boxes of an MP4, in file order.</summary>
    public static IReadOnlyList<(string Type, long Offset, long Size)> TopLevelBoxes(byte[] mp4)
    {
        var boxes = new List<(string, long, long)>();
        long offset = 0;
        while (offset + 8 <= mp4.Length)
        {
            long size = BinaryPrimitives.ReadUInt32BigEndian(mp4.AsSpan((int)offset));
            var type = Encoding.ASCII.GetString(mp4, (int)offset + 4, 4);
            if (size == 1)
            {
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(mp4.AsSpan((int)offset + 8));
            }
            else if (size == 0)
            {
                size = mp4.Length - offset;
            }

            boxes.Add((type, offset, size));
            if (size < 8)
            {
                break;
            }

            offset += size;
        }

        return boxes;
    }

    private static async Task GenerateAsync()
    {
        var slideshow = PathOf(Slideshow);
        await FfmpegCli.RunAsync("-i", slideshow, "-map", "0", "-c", "copy", "-f", "mp4", PathOf(MoovAtEnd));
        var boxes = TopLevelBoxes(File.ReadAllBytes(PathOf(MoovAtEnd))).Select(b => b.Type).ToList();
        if (boxes.IndexOf("moov") < boxes.IndexOf("mdat"))
        {
            throw new InvalidOperationException("The remux put moov before mdat: " + string.Join(' ', boxes));
        }

        await File.WriteAllBytesAsync(PathOf(Truncated), File.ReadAllBytes(slideshow).AsMemory(0, 300_000));
        var noise = new byte[200_000];
        new Random(2).NextBytes(noise);
        await File.WriteAllBytesAsync(PathOf(RandomBytes), noise);
    }
}
