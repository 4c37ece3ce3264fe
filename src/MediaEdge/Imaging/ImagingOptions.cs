namespace MediaEdge.Imaging;

/// <summary>MediaEdge:Imaging — which engine renders images.</summary>
public sealed class ImagingOptions
{
    /// <summary>The engine: vips (libvips, the faster; see the README's table) or imagesharp. Default vips.</summary>
    public string Engine { get; set; } = "vips";

    /// <summary>Where the configured engine cannot read a valid source (HEIC, arithmetic-coded JPEG, LogLuv TIFF…), the other engine renders it. Default true.</summary>
    public bool Fallback { get; set; } = true;

    /// <summary>vips: AVIF encoder effort, 0 (fastest) to 9; the request path wants it low (1: half effort 2's time for 1–4% more bytes on photos; 0 gave WebP's bytes and less SSIM). Default 1.</summary>
    public int AvifEffort { get; set; } = 1;

    /// <summary>vips: auto=format picks AVIF only for outputs up to this many pixels (AVIF encoding is slow); larger ones get WebP. At effort 1, 2 MP took as long as 1 MP at effort 2. Default 2000000.</summary>
    public long AvifMaxPixels { get; set; } = 2_000_000;

    /// <summary>
    /// vips: how many times the output's size (each way) a JPEG or WebP is still decoded at when shrunk on load, the rest
    /// of the way done by the resize kernel; 1 shrinks as far as the output allows (sharp's <c>fastShrinkOnLoad</c>), 2 is
    /// libvips' own thumbnail. From 1 to 4. Default 1.5.
    /// </summary>
    public double ShrinkOnLoadMargin { get; set; } = 1.5;

    /// <summary>vips: pixel bytes of decoded intermediates each worker keeps for later renders of the same source at other widths (the resize ladder); 0 keeps none. Default 67108864 (64 MiB).</summary>
    public long LadderBytes { get; set; } = 64L << 20;

    /// <summary>vips: seconds a kept intermediate lives after its last use. Default 10.</summary>
    public double LadderSeconds { get; set; } = 10;
}
