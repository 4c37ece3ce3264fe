using MediaEdge.Limits;
using MediaEdge.Requests;

namespace MediaEdge.Imaging;

/// <summary>Holds a source to the limits from its header alone, before a decoder spends memory on it.</summary>
public static class SourceGuard
{
    public static void Check(SourceInfo info, LimitsOptions limits)
    {
        if (info.Pixels > limits.MaxSourcePixels)
        {
            throw Problems.SourceTooLarge(nameof(limits.MaxSourcePixels), limits.MaxSourcePixels, info.Pixels, $"pixels ({info.Width}x{info.Height})", limits.KeyOf(nameof(limits.MaxSourcePixels)));
        }

        if (info.Frames > limits.MaxSourceFrames)
        {
            throw Problems.SourceTooLarge(nameof(limits.MaxSourceFrames), limits.MaxSourceFrames, info.Frames, "frames", limits.KeyOf(nameof(limits.MaxSourceFrames)));
        }

        var animationPixels = info.Pixels * info.Frames;
        if (info.Frames > 1 && animationPixels > limits.MaxAnimationPixels)
        {
            throw Problems.SourceTooLarge(nameof(limits.MaxAnimationPixels), limits.MaxAnimationPixels, animationPixels, $"pixels in all frames ({info.Frames} x {info.Width}x{info.Height})", limits.KeyOf(nameof(limits.MaxAnimationPixels)));
        }
    }
}
