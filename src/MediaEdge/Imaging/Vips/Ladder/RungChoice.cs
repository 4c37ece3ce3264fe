namespace MediaEdge.Imaging.Vips.Ladder;

/// <summary>
/// Which kept intermediate may serve a render in place of its own decode: one decoded at the very shrink the render would
/// choose (any still: the same pixels, so the same bytes out); else, for a plain reduction of the whole image (no crop, pad,
/// rect, blur or free rotation), the smallest one still <see cref="Margin"/> times the output each way on which the plan
/// gives the same output size. SSIM against the direct path is at least 0.99 (tests/…/Images/LadderTests).
/// </summary>
internal static class RungChoice
{
    /// <summary>How much larger than the output, each way, an intermediate decoded at another shrink must be (the direct path keeps 1.5).</summary>
    public const double Margin = 1.4;

    /// <summary>The rung to use and how, or null to decode; <paramref name="shrink"/> is the one the render would load at.</summary>
    public static (LadderRung Rung, LadderUse Use)? Choose(IReadOnlyList<LadderRung> rungs, ImagePlan plan, double shrink)
    {
        foreach (var rung in rungs)
        {
            if (rung.Shrink == shrink)
            {
                return (rung, LadderUse.Same);
            }
        }

        var spec = plan.Spec;
        if (rungs.Count == 0 || !VipsEngine.SizedFromDecode(spec))
        {
            return null;
        }

        var (width, height) = ImagePlanner.RotatedSize(plan.Source.OrientedWidth, plan.Source.OrientedHeight, spec.Rotate);
        var geometry = ResizePlanner.Plan(width, height, spec);
        if (!geometry.IsWholeImage(width, height))
        {
            return null;
        }

        LadderRung? best = null;
        foreach (var rung in rungs)
        {
            var (w, h) = spec.Rotate is 90 or 270 ? (rung.Image.Height, rung.Image.Width) : (rung.Image.Width, rung.Image.Height);
            if (w < geometry.ResizeWidth * Margin || h < geometry.ResizeHeight * Margin || (best is not null && (long)w * h >= (long)best.Image.Width * best.Image.Height))
            {
                continue;
            }

            var onRung = ResizePlanner.Plan(w, h, spec);
            if (onRung.IsWholeImage(w, h) && onRung.ResizeWidth == geometry.ResizeWidth && onRung.ResizeHeight == geometry.ResizeHeight)
            {
                best = rung;
            }
        }

        return best is null ? null : (best, LadderUse.Larger);
    }
}
