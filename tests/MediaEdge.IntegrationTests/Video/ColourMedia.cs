namespace MediaEdge.IntegrationTests.Video;

/// <summary>
/// Videos made at run time by ffmpeg (zimg) from known sRGB colours, coded as real cameras and encoders code them: HDR
/// (PQ and HLG, BT.2020), SDR BT.2020, BT.601 with and without tags, BT.709 without tags, full range. Each is two flat
/// halves, so a correct conversion back to SDR BT.709 gives the two known colours again.
/// </summary>
public static class ColourMedia
{
    /// <summary>A mid-tone orange, (140, 60, 30): every channel under 30% of reference white in linear light, where a tone map must leave HDR as mastered.</summary>
    public const string Orange = "0x8C3C1E";

    /// <summary>A saturated green, (40, 180, 60): decoding BT.601 as BT.709 (or the reverse) moves it by 10 to 20 levels.</summary>
    public const string Green = "0x28B43C";

    /// <summary>A softer green, (60, 160, 80), inside the SMPTE C primaries of SD video.</summary>
    public const string SoftGreen = "0x3CA050";

    /// <summary>A light beige, (230, 200, 170): near the top of the range, where full and studio range differ most.</summary>
    public const string Light = "0xE6C8AA";

    /// <summary>zimg's reading of the lavfi colour sources: 8-bit full-range RGB, coded with BT.709's transfer and primaries.</summary>
    private const string FromRgb = "format=gbrp,zscale=tin=709:pin=709:min=gbr:rin=full";

    private static readonly Lazy<Task> Generated = new(GenerateAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    public static IReadOnlyDictionary<string, ColourCase> Cases { get; } = new ColourCase[]
    {
        // HDR10: HEVC Main 10, BT.2020 primaries, PQ; the left half diffuse orange at reference white level (203 cd/m²), the right a 1000 cd/m² highlight.
        new("colour/pq-hevc.mp4", (140, 60, 30), (255, 255, 255), null, Hdr("smpte2084", "bt2020nc", 203, 1000, "libx265", "mp4")),

        // HDR10 in WebM: VP9 profile 2, the colour described by the container's Colour element.
        new("colour/pq-vp9.webm", (140, 60, 30), (255, 255, 255), null, Hdr("smpte2084", "bt2020nc", 203, 1000, "libvpx-vp9", "webm")),

        // HLG (as phones record): the orange at HLG reference white (75% signal), the right half at 100% signal.
        new("colour/hlg-hevc.mp4", (140, 60, 30), (255, 255, 255), null, Hdr("arib-std-b67", "bt2020nc", 203, 1000, "libx265", "mp4")),

        // SDR in BT.2020 primaries (10-bit): shown as BT.709 without conversion it would be dull.
        new("colour/sdr-bt2020.mp4", (40, 180, 60), (140, 60, 30), null, Sdr(1280, 720, Green, Orange, "bt2020", "bt2020nc", "limited", "bt2020", "bt2020-10", "bt2020nc", "tv", "yuv420p10le")),

        // SD BT.601 (SMPTE 170M), tagged: matrix and primaries both 170M (the green is one SMPTE C primaries can hold).
        new("colour/sd-bt601-tagged.mp4", (60, 160, 80), (140, 60, 30), "scale=in_color_matrix=bt709", Sdr(640, 480, SoftGreen, Orange, "smpte170m", "smpte170m", "limited", "smpte170m", "smpte170m", "smpte170m", "tv", "yuv420p")),

        // SD BT.601 matrix, untagged: players take BT.601 for SD.
        new("colour/sd-bt601-untagged.mp4", (40, 180, 60), (140, 60, 30), "scale=in_color_matrix=bt709", Sdr(640, 480, Green, Orange, "709", "smpte170m", "limited", null, null, null, null, "yuv420p")),

        // HD coded with BT.709, untagged: players take BT.709 for HD (ffmpeg by itself would take BT.601).
        new("colour/hd-bt709-untagged.mp4", (40, 180, 60), (140, 60, 30), null, Sdr(1280, 720, Green, Orange, "709", "709", "limited", null, null, null, null, "yuv420p")),

        // Full range (0–255 luma), BT.601, as some phones and screen recorders write it; read as studio range, the light half would glare.
        new("colour/sd-full-range.mp4", (40, 180, 60), (230, 200, 170), "scale=in_range=limited", Sdr(640, 480, Green, Light, "709", "smpte170m", "full", null, null, "smpte170m", "pc", "yuvj420p")),
    }.ToDictionary(c => c.Key);

    public static TheoryData<string> Keys => [.. Cases.Keys];

    public static Task EnsureGeneratedAsync() => Generated.Value;

    /// <summary>
    /// An HDR clip: the left half <see cref="Orange"/> with its white at <paramref name="whiteNits"/>, the right half white
    /// at <paramref name="highlightNits"/>, both through PQ; HLG is then made from PQ (for a 1000 cd/m² display).
    /// </summary>
    private static string[] Hdr(string transfer, string matrix, int whiteNits, int highlightNits, string codec, string format)
    {
        var left = $"color=c={Orange}:s=320x180:r=25:d=0.4,{FromRgb}:t=smpte2084:p=2020:m=gbr:r=full:npl={whiteNits},format=gbrpf32le";
        var right = $"color=c=white:s=320x180:r=25:d=0.4,{FromRgb}:t=smpte2084:p=2020:m=gbr:r=full:npl={highlightNits},format=gbrpf32le";
        var toYuv = transfer == "arib-std-b67"
            ? "zscale=tin=smpte2084:pin=2020:min=gbr:rin=full:t=arib-std-b67:p=2020:m=gbr:r=full:npl=1000,format=gbrpf32le,zscale=tin=arib-std-b67:pin=2020:min=gbr:rin=full:t=arib-std-b67:p=2020:m=2020_ncl:r=limited"
            : "zscale=tin=smpte2084:pin=2020:min=gbr:rin=full:t=smpte2084:p=2020:m=2020_ncl:r=limited";
        string[] encoder = codec == "libx265"
            ? ["-c:v", "libx265", "-x265-params", "log-level=error"]
            : ["-c:v", "libvpx-vp9", "-profile:v", "2", "-crf", "20", "-b:v", "0"];
        return ["-f", "lavfi", "-i", left, "-f", "lavfi", "-i", right, "-filter_complex", $"[0][1]hstack,{toYuv},format=yuv420p10le",
            .. encoder, "-color_primaries", "bt2020", "-color_trc", transfer, "-colorspace", matrix, "-color_range", "tv", "-f", format];
    }

    /// <summary>An SDR clip: two flat halves, coded by zimg with the given primaries, matrix and range, and tagged as given; what is not tagged is left unspecified.</summary>
    private static string[] Sdr(int width, int height, string left, string right, string primaries, string matrix, string range, string? tagPrimaries, string? tagTransfer, string? tagMatrix, string? tagRange, string pixelFormat)
    {
        var half = string.Create(CultureInfo.InvariantCulture, $"s={width / 2}x{height}:r=25:d=0.4");
        var code = $"zscale=tin=709:pin=709:min=gbr:rin=full:t=709:p={primaries}:m={matrix}:r={range}";
        // ffmpeg would otherwise tag the stream with what zimg set on the frames.
        var untag = $"setparams=color_primaries={tagPrimaries ?? "unknown"}:color_trc={tagTransfer ?? "unknown"}:colorspace={tagMatrix ?? "unknown"}:range={tagRange ?? "unknown"}";
        List<string> arguments = ["-f", "lavfi", "-i", $"color=c={left}:{half}", "-f", "lavfi", "-i", $"color=c={right}:{half}", "-filter_complex", $"[0][1]hstack,{FromRgb}:t=709:p=709:m=gbr:r=full,{code},format={pixelFormat},{untag}", "-c:v", "libx264", "-crf", "4"];
        foreach (var (option, value) in new[] { ("-color_primaries", tagPrimaries), ("-color_trc", tagTransfer), ("-colorspace", tagMatrix), ("-color_range", tagRange) })
        {
            if (value is not null)
            {
                arguments.AddRange([option, value]);
            }
        }

        arguments.AddRange(["-f", "mp4"]);
        return [.. arguments];
    }

    private static async Task GenerateAsync()
    {
        Directory.CreateDirectory(VideoMedia.PathOf("colour"));
        foreach (var made in Cases.Values)
        {
            await FfmpegCli.RunAsync([.. made.Arguments, VideoMedia.PathOf(made.Key)]);
        }
    }
}

/// <summary>
/// One colour case: the sRGB colours its left and right halves must show in SDR; the mistake a careless decoder makes
/// with it (an ffmpeg filter, or null for plain ffmpeg's own decoding), to show the case can catch it; and the ffmpeg
/// arguments that made it.
/// </summary>
public sealed record ColourCase(string Key, (int R, int G, int B) Left, (int R, int G, int B) Right, string? Mistake, string[] Arguments)
{
    public override string ToString() => Key;
}
