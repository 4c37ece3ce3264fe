using System.Globalization;

namespace MediaEdge.Video;

/// <summary>
/// How a video stream codes its colour, as ffprobe names it (matrix, range, transfer, primaries), and the ffmpeg
/// filters that turn its frames into SDR BT.709 RGB: the matrix and range it states (or, untagged, what players assume
/// for its size), primaries converted where they are not BT.709's, and PQ or HLG tone-mapped to SDR. Without this,
/// ffmpeg decodes untagged HD as BT.601 and shows a PQ or HLG signal as if it were SDR: dull and washed out.
/// </summary>
public sealed record VideoColour(string PixelFormat, string Matrix, string Range, string Transfer, string Primaries, double PeakNits)
{
    /// <summary>HDR reference white (ITU-R BT.2408): diffuse white in PQ and HLG masters, shown as SDR's own white level.</summary>
    public const double ReferenceWhiteNits = 203;

    /// <summary>The peak assumed for PQ without mastering metadata, and HLG's nominal display peak.</summary>
    public const double DefaultPeakNits = 1000;

    /// <summary>
    /// Tags the frames as sRGB, as video stills are shown (BT.709 code values as they are): the PNG then says sRGB, where
    /// the source's own tags would have made ffmpeg write a BT.709 gAMA that a colour-managed decoder brightens.
    /// </summary>
    private const string AsSrgb = "setparams=color_primaries=bt709:color_trc=iec61966-2-1:colorspace=gbr:range=pc";

    public static readonly VideoColour Unknown = new("yuv420p", "unknown", "unknown", "unknown", "unknown", 0);

    public bool IsPq => Transfer == "smpte2084";

    public bool IsHlg => Transfer == "arib-std-b67";

    public bool IsHdr => IsPq || IsHlg;

    /// <summary>Frames stored as RGB need no matrix.</summary>
    public bool IsRgb => PixelFormat.StartsWith("gbr", StringComparison.Ordinal) || PixelFormat.StartsWith("rgb", StringComparison.Ordinal) || PixelFormat.StartsWith("bgr", StringComparison.Ordinal);

    /// <summary>
    /// The filters that follow any resizing: the frames leave them as 8-bit BT.709 RGB (full range). Resizing is given
    /// here too (as <paramref name="size"/>, e.g. <c>320:180</c>), so the one swscale pass that leaves YUV also scales.
    /// </summary>
    public string ToSdrRgb(int width, int height, string? size = null, string scaleFlags = "bicubic")
    {
        // swscale, not zscale, leaves YUV: zimg refuses 4:2:0 frames of odd width or height, which VP8/VP9 allow.
        // (Without accurate_rnd, which doubles the time of a 1080p frame for one or two levels.)
        var toRgb = string.Create(CultureInfo.InvariantCulture, $"scale={size ?? "iw:ih"}:in_color_matrix={SwscaleMatrix(width, height)}:in_range={SwscaleRange}:out_range=pc:flags={scaleFlags}+full_chroma_int+full_chroma_inp");
        var primaries = ZimgPrimaries;
        if (!IsHdr && primaries == "709")
        {
            return toRgb + ",format=rgb24," + AsSrgb;
        }

        // zimg works on RGB from here on, every property stated (frame tags are not trusted after swscale).
        const string Rgb = "min=gbr:m=gbr:rin=full:r=full";
        var chain = new List<string> { toRgb, "format=gbrp16le" };
        if (IsHdr)
        {
            // HLG becomes display light for a nominal 1000 cd/m² screen (its OOTF), then PQ, so both share one path.
            if (IsHlg)
            {
                chain.Add($"zscale={Rgb}:tin=arib-std-b67:pin={primaries}:t=smpte2084:p={primaries}:npl={DefaultPeakNits.ToString(CultureInfo.InvariantCulture)}");
                chain.Add("format=gbrpf32le");
            }

            // Linear light in units of reference white: SDR white is 1.0, and highlights run up to the peak.
            var peak = Math.Max(1, (IsHlg || PeakNits <= 0 ? DefaultPeakNits : PeakNits) / ReferenceWhiteNits);
            chain.Add($"zscale={Rgb}:tin=smpte2084:pin={primaries}:t=linear:p={primaries}:npl={ReferenceWhiteNits.ToString(CultureInfo.InvariantCulture)}");
            chain.Add("format=gbrpf32le");
            chain.Add($"zscale={Rgb}:tin=linear:pin={primaries}:t=linear:p=709");

            // Mobius keeps everything below 30% of reference white exactly as mastered and rolls highlights off up to the peak.
            chain.Add(string.Create(CultureInfo.InvariantCulture, $"tonemap=tonemap=mobius:desat=0:peak={peak:0.###}"));
            chain.Add($"zscale={Rgb}:tin=linear:pin=709:t=709:p=709");
        }
        else
        {
            // An SDR picture keeps its transfer; only its primaries move (through linear light, inside zimg).
            chain.Add($"zscale={Rgb}:tin=709:pin={primaries}:t=709:p=709");
        }

        chain.Add("format=rgb24");
        chain.Add(AsSrgb);
        return string.Join(',', chain);
    }

    /// <summary>
    /// The filters that leave frames as 8-bit BT.709 limited-range 4:2:0 YUV scaled to <paramref name="size"/>, for the
    /// video outputs. A picture already in that colour (SDR, BT.709 matrix and primaries, limited range, YUV) is only
    /// scaled, in YUV: through RGB and back, a 1080p → 720p segment took 3.43 s instead of 2.18 s here. Any other goes
    /// through <see cref="ToSdrRgb"/> (swscale does not convert matrices between two YUV formats).
    /// </summary>
    public string ToBt709Yuv(int width, int height, string size) =>
        !IsHdr && !IsRgb && ZimgPrimaries == "709" && SwscaleMatrix(width, height) == "bt709" && SwscaleRange == "limited"
            ? $"scale={size}:in_color_matrix=bt709:in_range=limited:out_color_matrix=bt709:out_range=tv:flags=bicubic,format=yuv420p"
            : $"{ToSdrRgb(width, height, size)},{RgbToBt709Yuv}";

    /// <summary>The filters from <see cref="ToSdrRgb"/>'s RGB to 8-bit BT.709 limited-range 4:2:0 YUV.</summary>
    public const string RgbToBt709Yuv = "scale=out_color_matrix=bt709:out_range=tv,format=yuv420p";

    /// <summary>The matrix swscale decodes with: the stated one, else BT.709 for HD and BT.601 for SD, as mpv guesses (ffmpeg alone takes BT.601 for all).</summary>
    public string SwscaleMatrix(int width, int height) => Matrix switch
    {
        "bt709" => "bt709",
        "smpte170m" or "bt470bg" => "bt601",
        "fcc" => "fcc",
        "smpte240m" => "smpte240m",
        "bt2020nc" or "bt2020c" => "bt2020",
        _ when Primaries == "bt2020" || IsHdr => "bt2020",
        _ => width >= 1280 || height > 576 ? "bt709" : "bt601",
    };

    /// <summary>The stated range, else full for the JPEG-style pixel formats and limited (studio swing) for the rest, as decoders assume.</summary>
    public string SwscaleRange => Range switch
    {
        "pc" => "full",
        "tv" => "limited",
        _ => PixelFormat.StartsWith("yuvj", StringComparison.Ordinal) || IsRgb ? "full" : "limited",
    };

    /// <summary>The primaries in zimg's names; anything unstated or unknown to zimg is taken as BT.709's.</summary>
    public string ZimgPrimaries => Primaries switch
    {
        "bt2020" or "smpte170m" or "bt470bg" or "smpte240m" or "smpte431" or "smpte432" or "film" or "bt470m" => Primaries,
        _ => IsHdr ? "bt2020" : "709",
    };
}
