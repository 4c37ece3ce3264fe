namespace MediaEdge.IntegrationTests.Video;

/// <summary>
/// Videos whose timeline is not the plain one (picture from 0 to the file's end), as real uploads have them: the four
/// checked in under Media/odd/, and more made at run time by ffmpeg in the served folder. Each shows flat colours in
/// known spans, so the frame a route gives can be told by its colour.
/// </summary>
public static class TimelineMedia
{
    private static readonly Lazy<Task> Generated = new(GenerateAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// Every case: its key, the picture's length on the file's timeline, the colour showing from each time on, the
    /// thumbnail times worth checking (past the end among them), and how the file was made.
    /// </summary>
    public static IReadOnlyDictionary<string, TimelineCase> Cases { get; } = new TimelineCase[]
    {
        // Checked in (the shared odd files).
        new("odd/video1s-audio3s.mp4", 1.04, [(0, "red"), (0.52, "blue")], [0.3, 0.8, 2, 30], null),
        new("odd/webm-no-duration.webm", 3.0, [(0, "red"), (1, "lime"), (2, "blue")], [0.5, 1.5, 2.5, 30], null),
        new("odd/short-0.3s.mp4", 0.3, [(0, "orange")], [0, 0.15, 0.29, 5], null),
        new("odd/one-frame.mp4", 0.04, [(0, "orange")], [0, 0.02, 1, 30], null),

        // WebM (VP8 + Opus): the picture stops after 1 s, the sound runs to 3 s; the container stores no length per stream but the muxer's DURATION tag.
        new("odd/gen/webm-video1s-audio3s.webm", 1.014, [(0, "red"), (0.514, "blue")], [0.2, 0.8, 2, 30],
            ["-f", "lavfi", "-i", HalfRedHalfBlue, "-f", "lavfi", "-i", "sine=d=3", "-c:v", "libvpx", "-crf", "10", "-b:v", "1M", "-c:a", "libopus", "-f", "webm"]),

        // The same in Matroska with H.264 + AAC (whose priming delays the picture by 23 ms).
        new("odd/gen/mkv-video1s-audio3s.mkv", 1.023, [(0, "red"), (0.523, "blue")], [0.2, 0.8, 2, 30],
            ["-f", "lavfi", "-i", HalfRedHalfBlue, "-f", "lavfi", "-i", "sine=d=3", "-c:v", "libx264", "-c:a", "aac", "-f", "matroska"]),

        // The sound starts at 0, the picture 1 s later: before it, the first frame shows.
        new("odd/gen/mkv-video-starts-late.mkv", 4.023, [(0, "red"), (2.023, "lime"), (3.023, "blue")], [0.3, 1.5, 2.5, 3.5, 10],
            ["-f", "lavfi", "-i", "sine=d=4", "-itsoffset", "1", "-f", "lavfi", "-i", ThreeColours(25), "-map", "0", "-map", "1", "-c:v", "libx264", "-c:a", "aac", "-f", "matroska"]),

        // Every timestamp 5 s on (start_time 5): time 0 is the file's start.
        new("odd/gen/mkv-start-time-5s.mkv", 3.0, [(0, "red"), (1, "lime"), (2, "blue")], [0.5, 1.5, 2.5, 9],
            ["-f", "lavfi", "-i", ThreeColours(25), "-c:v", "libx264", "-output_ts_offset", "5", "-f", "matroska"]),

        // Variable frame rate: 25 fps red, then green frames at 1.0 and 1.5 s only, then 10 fps blue.
        new("odd/gen/mkv-variable-frame-rate.mkv", 2.92, [(0, "red"), (1, "lime"), (2, "blue")], [0.5, 1.3, 1.7, 2.05, 2.95],
            ["-f", "lavfi", "-i", ThreeColours(50), "-vf", "select='lt(t,1)*not(mod(n,2))+between(t,1,1.999)*(eq(n,50)+eq(n,75))+gte(t,2)*not(mod(n,5))'", "-fps_mode", "vfr", "-c:v", "libx264", "-f", "matroska"]),

        // Two frames.
        new("odd/gen/two-frames.mp4", 0.08, [(0, "red"), (0.04, "blue")], [0, 0.02, 0.05, 1],
            ["-f", "lavfi", "-i", "color=c=red:s=160x90:r=25:d=0.08,drawbox=c=blue:t=fill:enable='gte(n,1)'", "-c:v", "libx264", "-f", "mp4"]),

        // As MediaRecorder writes WebM: no Duration, no Cues (a live stream), at 30 fps and at 1 fps.
        new("odd/gen/webm-no-duration-30fps.webm", 3.0, [(0, "red"), (1, "lime"), (2, "blue")], [0.5, 1.5, 2.5, 2.99, 30],
            ["-f", "lavfi", "-i", ThreeColours(30), "-c:v", "libvpx", "-crf", "10", "-b:v", "1M", "-f", "webm", "-live", "1"]),
        new("odd/gen/webm-no-duration-1fps.webm", 3.0, [(0, "red"), (1, "lime"), (2, "blue")], [0.5, 1.5, 2.5, 2.99, 30],
            ["-f", "lavfi", "-i", ThreeColours(1), "-c:v", "libvpx", "-crf", "10", "-b:v", "1M", "-f", "webm", "-live", "1"]),

        // An MP4 whose edit list starts the picture 0.5 s into its first group of pictures (a stream copy cut there).
        new("odd/gen/mp4-edit-list-cuts-start.mp4", 2.5, [(0, "red"), (0.5, "lime"), (1.5, "blue")], [0.2, 1.0, 2.0, 9],
            ["-f", "lavfi", "-i", ThreeColours(25), "-c:v", "libx264", "-g", "100", "-bf", "2", "-f", "mp4"]),

        // A fragmented MP4 (as Safari's MediaRecorder writes): an empty moov, then moof/mdat pairs; B-frames start it at 0.08 s.
        new("odd/gen/mp4-fragmented.mp4", 3.0, [(0, "red"), (1, "lime"), (2, "blue")], [0.5, 1.5, 2.5, 9],
            ["-f", "lavfi", "-i", ThreeColours(25), "-c:v", "libx264", "-g", "25", "-movflags", "frag_keyframe+empty_moov+default_base_moof", "-f", "mp4"]),
    }.ToDictionary(c => c.Key);

    /// <summary>The keys, for xunit's MemberData.</summary>
    public static TheoryData<string> Keys => [.. Cases.Keys];

    private static string HalfRedHalfBlue => "color=c=red:s=160x90:r=25:d=1,drawbox=c=blue:t=fill:enable='gte(t,0.5)'";

    /// <summary>Makes the generated files once per test run.</summary>
    public static Task EnsureGeneratedAsync() => Generated.Value;

    /// <summary>Red from 0, lime from 1 s, blue from 2 s to 3 s, at <paramref name="fps"/> frames a second.</summary>
    private static string ThreeColours(int fps) =>
        string.Create(CultureInfo.InvariantCulture, $"color=c=red:s=160x90:r={fps}:d=3,drawbox=c=lime:t=fill:enable='gte(t,1)',drawbox=c=blue:t=fill:enable='gte(t,2)'");

    private static async Task GenerateAsync()
    {
        Directory.CreateDirectory(VideoMedia.PathOf("odd/gen"));
        foreach (var made in Cases.Values.Where(c => c.Arguments is not null))
        {
            var path = VideoMedia.PathOf(made.Key);
            if (made.Key.EndsWith("edit-list-cuts-start.mp4", StringComparison.Ordinal))
            {
                // Encoded whole first, then cut by a stream copy: ffmpeg writes the cut as an edit list.
                var whole = path + ".whole.mp4";
                await FfmpegCli.RunAsync([.. made.Arguments!, whole]);
                await FfmpegCli.RunAsync("-ss", "0.5", "-i", whole, "-c", "copy", "-f", "mp4", path);
                File.Delete(whole);
                continue;
            }

            await FfmpegCli.RunAsync([.. made.Arguments!, path]);
        }
    }
}

/// <summary>One timeline case: the colours it shows from each time on, and its length.</summary>
public sealed record TimelineCase(string Key, double Duration, (double From, string Colour)[] Spans, double[] Times, string[]? Arguments)
{
    /// <summary>The colour showing at a time; past the end, the last frame's.</summary>
    public string ColourAt(double seconds) => Spans.Last(s => s.From <= seconds + 1e-9).Colour;

    public override string ToString() => Key;
}
