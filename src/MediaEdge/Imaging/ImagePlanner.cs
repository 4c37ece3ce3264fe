using MediaEdge.Limits;
using MediaEdge.Negotiation;
using MediaEdge.Requests;

namespace MediaEdge.Imaging;

/// <summary>Settles the output format, quality, animation and background for one source and spec, and checks the output size.</summary>
public static class ImagePlanner
{
    public const int DefaultQuality = 75;
    public const int CompressQuality = 45;

    /// <summary>AVIF's default: at q50 it matched WebP q75's SSIM on the shared photos while 1–42% smaller (benchmarks/RESULTS.md); at q75 it was larger than WebP.</summary>
    public const int AvifQuality = 50;

    /// <summary>imgix's largest output side: every output is scaled to fit 8192×8192 (https://docs.imgix.com/apis/rendering/size/image-width).</summary>
    public const int MaxOutputSide = 8192;

    /// <param name="avifMaxPixels">Negotiated AVIF past this many output pixels becomes WebP (AVIF encodes slowly).</param>
    public static ImagePlan Create(SourceInfo source, TransformSpec spec, LimitsOptions limits, Func<OutputFormat, bool> canAnimate, long avifMaxPixels = long.MaxValue)
    {
        spec = SettleSize(spec, source, limits);
        var format = ResolveFormat(spec.Format, source);
        var (width, height) = RotatedSize(source.OrientedWidth, source.OrientedHeight, spec.Rotate);
        var geometry = ResizePlanner.Plan(width, height, spec);
        if (geometry.OutputPixels > limits.MaxOutputPixels)
        {
            throw Problems.OutputTooLarge(geometry.OutputPixels, limits.MaxOutputPixels, limits.KeyOf(nameof(limits.MaxOutputPixels)));
        }

        if (format == OutputFormat.Avif && spec.AvifBudgeted && OverAvifBudget(geometry.OutputPixels, source, avifMaxPixels))
        {
            format = OutputFormat.Webp;
        }

        var animate = source.Frames > 1
            && canAnimate(format)
            && geometry.OutputPixels * source.Frames <= limits.MaxAnimatedOutputPixels;

        var keepsAlpha = format is OutputFormat.Png or OutputFormat.Webp or OutputFormat.Gif or OutputFormat.Avif;
        var background = spec.Background is { } bg ? bg : keepsAlpha ? (Rgba?)null : Rgba.White;
        if (background is { IsOpaque: false } translucent && !keepsAlpha)
        {
            // A format without alpha cannot show a see-through background: blend it over white.
            background = Blend(translucent);
        }

        var quality = spec.Quality ?? (spec.Compress ? CompressQuality : format == OutputFormat.Avif ? AvifQuality : DefaultQuality);
        return new ImagePlan(spec, source, format, quality, animate, background);
    }

    /// <summary>
    /// Negotiated AVIF settled to the format it will be written in: AVIF within the pixel budget, else WebP. Done before
    /// the cache key, so an AVIF client past the budget and a WebP client share one variant; a settled spec is not
    /// budgeted again.
    /// </summary>
    public static TransformSpec SettleAvif(TransformSpec spec, SourceInfo source, long avifMaxPixels)
    {
        if (!spec.AvifBudgeted)
        {
            return spec;
        }

        var (width, height) = RotatedSize(source.OrientedWidth, source.OrientedHeight, spec.Rotate);
        var pixels = ResizePlanner.Plan(width, height, spec).OutputPixels;
        return spec with { Format = OverAvifBudget(pixels, source, avifMaxPixels) ? OutputFormat.Webp : OutputFormat.Avif, AvifBudgeted = false };
    }

    /// <summary>
    /// imgix scales an output past its maximum size down to fit, keeping the aspect ratio, rather than refusing it
    /// (https://docs.imgix.com/apis/rendering/size/image-width): a spec sized by w or h whose output would pass
    /// <see cref="MaxOutputSide"/> on a side or Limits:MaxOutputPixels in area gets its dpr scaled down until it fits. Where
    /// that cannot shrink the output (no w or h, or a fit that keeps the source's own size), the spec is left as it is and
    /// <see cref="Create"/> refuses it.
    /// </summary>
    public static TransformSpec SettleSize(TransformSpec spec, SourceInfo source, LimitsOptions limits)
    {
        if (spec.Width is null && spec.Height is null)
        {
            return spec;
        }

        var (width, height) = RotatedSize(source.OrientedWidth, source.OrientedHeight, spec.Rotate);
        var plan = ResizePlanner.Plan(width, height, spec);
        if (Fits(plan, limits) || ResizePlanner.Plan(width, height, spec with { Dpr = spec.Dpr / 2 }).OutputPixels >= plan.OutputPixels)
        {
            // Within bounds, or a fit that keeps the source's own size (max, fillmax, min past the source): dpr cannot shrink it.
            return spec;
        }

        var settled = spec;
        for (var attempt = 0; attempt < 8 && !Fits(plan, limits); attempt++)
        {
            // The output scales with dpr, so one factor brings both sides and the area within bounds; whole pixels round
            // away from zero and can leave it a pixel over, so each further try takes about a pixel off the shorter side.
            var factor = Math.Min(
                Math.Min((double)MaxOutputSide / plan.CanvasWidth, (double)MaxOutputSide / plan.CanvasHeight),
                Math.Sqrt((double)limits.MaxOutputPixels / plan.OutputPixels));
            if (attempt > 0)
            {
                factor *= 1 - (1.0 / Math.Max(2, Math.Min(plan.CanvasWidth, plan.CanvasHeight)));
            }

            settled = settled with { Dpr = settled.Dpr * factor };
            plan = ResizePlanner.Plan(width, height, settled);
        }

        return Fits(plan, limits) ? settled : spec;
    }

    private static bool Fits(ResizePlan plan, LimitsOptions limits) =>
        plan.OutputPixels <= limits.MaxOutputPixels && plan.CanvasWidth <= MaxOutputSide && plan.CanvasHeight <= MaxOutputSide;

    /// <summary>
    /// imgix <c>fit=max</c> is <c>fit=clip</c> that never enlarges: where clip would not enlarge this source, the two render
    /// the same pixels, so max settles to clip and shares its cache key. A Next.js, Cloudflare <c>scale-down</c> or imgproxy
    /// <c>fit</c> URL and an imgix or Netlify one for the same output are then one variant, transformed once.
    /// </summary>
    public static TransformSpec SettleFit(TransformSpec spec, SourceInfo source)
    {
        if (spec.Fit != FitMode.Max)
        {
            return spec;
        }

        var (width, height) = RotatedSize(source.OrientedWidth, source.OrientedHeight, spec.Rotate);
        var clip = spec with { Fit = FitMode.Clip };
        var plan = ResizePlanner.Plan(width, height, clip);
        return plan.ResizeWidth <= plan.Crop.Width && plan.ResizeHeight <= plan.Crop.Height ? clip : spec;
    }

    /// <summary>
    /// What decoding and rendering a plan will hold at once, estimated: the decoded frames (RGBA, 4 bytes a pixel) with
    /// half again for decoder and resampler buffers, and the output canvas.
    /// </summary>
    public static long DecodeBytes(ImagePlan plan)
    {
        var frames = plan.Animate ? plan.Source.Frames : 1;
        var (width, height) = RotatedSize(plan.Source.OrientedWidth, plan.Source.OrientedHeight, plan.Spec.Rotate);
        var output = ResizePlanner.Plan(width, height, plan.Spec).OutputPixels;
        return (long)(frames * ((plan.Source.Pixels * 4 * 1.5) + (output * 4)));
    }

    /// <summary>The canvas an arbitrary rotation needs: the bounding box of the turned image.</summary>
    public static (int Width, int Height) RotatedSize(int width, int height, int degrees)
    {
        switch (degrees % 360)
        {
            case 0:
            case 180:
                return (width, height);
            case 90:
            case 270:
                return (height, width);
        }

        var radians = degrees * Math.PI / 180;
        double cos = Math.Abs(Math.Cos(radians)), sin = Math.Abs(Math.Sin(radians));
        return ((int)Math.Ceiling((width * cos) + (height * sin)), (int)Math.Ceiling((width * sin) + (height * cos)));
    }

    private static bool OverAvifBudget(long outputPixels, SourceInfo source, long avifMaxPixels) => outputPixels > avifMaxPixels || source.Frames > 1;

    private static OutputFormat ResolveFormat(OutputFormat requested, SourceInfo source) => requested switch
    {
        OutputFormat.Source => source.Format switch
        {
            SourceFormat.Jpeg => OutputFormat.Jpeg,
            SourceFormat.Png => OutputFormat.Png,
            SourceFormat.Gif => OutputFormat.Gif,
            SourceFormat.Webp => OutputFormat.Webp,
            _ => source.HasAlpha ? OutputFormat.Png : OutputFormat.Jpeg,
        },
        OutputFormat.JpegOrPng => source.Format == SourceFormat.Gif && source.Frames > 1 ? OutputFormat.Gif
            : source.HasAlpha ? OutputFormat.Png : OutputFormat.Jpeg,
        _ => requested,
    };

    private static Rgba Blend(Rgba c)
    {
        byte Over(byte v) => (byte)(((v * c.A) + (255 * (255 - c.A))) / 255);
        return new Rgba(Over(c.R), Over(c.G), Over(c.B), 255);
    }
}
