using MediaEdge.Negotiation;
using MediaEdge.Requests;

namespace MediaEdge.Imaging;

/// <summary>
/// imgix's size rules (<c>w</c>, <c>h</c>, <c>dpr</c>, <c>fit</c>, <c>crop</c>, <c>ar</c>, <c>rect</c>) as pure arithmetic,
/// shared by every engine so they agree on every output size.
/// </summary>
public static class ResizePlanner
{
    /// <summary>Finds where a window of the given size holds the most detail; engines pass one when they can look at pixels.</summary>
    public delegate (int X, int Y) EntropyLocator(PixelRect region, int windowWidth, int windowHeight);

    /// <param name="width">The image's width after orientation, flip and rotation.</param>
    /// <param name="height">The image's height after orientation, flip and rotation.</param>
    public static ResizePlan Plan(int width, int height, TransformSpec spec, EntropyLocator? entropy = null)
    {
        var region = new PixelRect(0, 0, width, height);
        if (spec.Rect is { } r)
        {
            var x2 = Math.Min(width, (long)r.X + r.Width);
            var y2 = Math.Min(height, (long)r.Y + r.Height);
            if (r.X >= width || r.Y >= height || x2 <= r.X || y2 <= r.Y)
            {
                throw Problems.BadParameter("rect", $"rect {r} lies outside the {width}x{height} source.");
            }

            region = new PixelRect(r.X, r.Y, (int)x2 - r.X, (int)y2 - r.Y);
        }

        double sw = region.Width, sh = region.Height;
        var tw = spec.Width is { } w ? w.Resolve(region.Width) * spec.Dpr : (double?)null;
        var th = spec.Height is { } h ? h.Resolve(region.Height) * spec.Dpr : (double?)null;

        if (spec.AspectRatio is { } ar && spec.Fit is FitMode.Crop or FitMode.Fill)
        {
            if (tw is null && th is null)
            {
                // ar alone reframes the source at its own resolution: cropped to the ratio, or padded out to it.
                var inside = spec.Fit == FitMode.Crop;
                var byWidth = sw / ar <= sh == inside;
                tw = byWidth ? sw : sh * ar;
                th = byWidth ? sw / ar : sh;
            }
            else
            {
                tw ??= th * ar;
                th ??= tw / ar;
            }
        }

        if (tw is null && th is null)
        {
            return Identity(region);
        }

        var boxW = tw ?? (th!.Value * sw / sh);
        var boxH = th ?? (boxW * sh / sw);

        return spec.Fit switch
        {
            FitMode.Scale => Whole(region, boxW, boxH, boxW, boxH),
            FitMode.Clip => Contain(region, boxW, boxH, upscale: true, pad: false),
            FitMode.Max => Contain(region, boxW, boxH, upscale: false, pad: false),
            FitMode.Fill => Contain(region, boxW, boxH, upscale: true, pad: true),
            FitMode.FillMax => Contain(region, boxW, boxH, upscale: false, pad: true),
            FitMode.Crop => Cover(region, boxW, boxH, spec, entropy, upscale: true),
            FitMode.Min => Cover(region, boxW, boxH, spec, entropy, upscale: false),
            _ => throw new ArgumentOutOfRangeException(nameof(spec)),
        };
    }

    private static int Px(double value) => Math.Max(1, (int)Math.Round(value, MidpointRounding.AwayFromZero));

    private static ResizePlan Identity(PixelRect region) =>
        new(region, region.Width, region.Height, region.Width, region.Height, 0, 0);

    private static ResizePlan Whole(PixelRect region, double imageW, double imageH, double canvasW, double canvasH)
    {
        int iw = Px(imageW), ih = Px(imageH), cw = Px(canvasW), ch = Px(canvasH);
        return new ResizePlan(region, iw, ih, cw, ch, (cw - iw) / 2, (ch - ih) / 2);
    }

    private static ResizePlan Contain(PixelRect region, double boxW, double boxH, bool upscale, bool pad)
    {
        var scale = Math.Min(boxW / region.Width, boxH / region.Height);
        if (!upscale)
        {
            scale = Math.Min(scale, 1);
        }

        var imageW = region.Width * scale;
        var imageH = region.Height * scale;
        return pad ? Whole(region, imageW, imageH, boxW, boxH) : Whole(region, imageW, imageH, imageW, imageH);
    }

    private static ResizePlan Cover(PixelRect region, double boxW, double boxH, TransformSpec spec, EntropyLocator? entropy, bool upscale)
    {
        double sw = region.Width, sh = region.Height;
        var scale = Math.Max(boxW / sw, boxH / sh);
        double windowW, windowH, outW, outH;
        if (upscale || scale <= 1)
        {
            windowW = Math.Min(sw, boxW / scale);
            windowH = Math.Min(sh, boxH / scale);
            outW = boxW;
            outH = boxH;
        }
        else
        {
            // fit=min: keep the requested aspect ratio but never exceed the source's own pixels.
            var aspect = boxW / boxH;
            windowW = Math.Min(sw, sh * aspect);
            windowH = windowW / aspect;
            outW = windowW;
            outH = windowH;
        }

        int ww = Math.Min(region.Width, Px(windowW)), wh = Math.Min(region.Height, Px(windowH));
        var (x, y) = Position(region, ww, wh, spec, entropy);
        var window = new PixelRect(region.X + x, region.Y + y, ww, wh);
        int ow = Px(outW), oh = Px(outH);
        return new ResizePlan(window, ow, oh, ow, oh, 0, 0);
    }

    private static (int X, int Y) Position(PixelRect region, int ww, int wh, TransformSpec spec, EntropyLocator? entropy)
    {
        int freeX = region.Width - ww, freeY = region.Height - wh;
        if (freeX == 0 && freeY == 0)
        {
            return (0, 0);
        }

        var gravity = spec.Crop;
        if (gravity.HasFlag(CropGravity.FocalPoint))
        {
            var cx = (spec.FocalX * region.Width) - (ww / 2.0);
            var cy = (spec.FocalY * region.Height) - (wh / 2.0);
            return (Math.Clamp((int)Math.Round(cx), 0, freeX), Math.Clamp((int)Math.Round(cy), 0, freeY));
        }

        if (gravity.HasFlag(CropGravity.Entropy) && entropy is not null)
        {
            var (ex, ey) = entropy(region, ww, wh);
            return (Math.Clamp(ex, 0, freeX), Math.Clamp(ey, 0, freeY));
        }

        var px = gravity.HasFlag(CropGravity.Left) ? 0 : gravity.HasFlag(CropGravity.Right) ? freeX : freeX / 2;
        var py = gravity.HasFlag(CropGravity.Top) ? 0 : gravity.HasFlag(CropGravity.Bottom) ? freeY : freeY / 2;
        return (px, py);
    }
}
