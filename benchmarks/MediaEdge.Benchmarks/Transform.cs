using MediaEdge.Imaging;
using MediaEdge.Limits;
using MediaEdge.Negotiation;
using MediaEdge.Requests;

namespace MediaEdge.Benchmarks;

/// <summary>One transform as ImageService runs it once the source bytes are in hand: identify, guard, plan, render.</summary>
internal static class Transform
{
    public const int Width = 800;

    /// <param name="quality">null takes the format's default (75), as a request without <c>q</c> does.</param>
    public static TransformSpec SpecFor(OutputFormat format, int? quality = null) =>
        new() { Width = Dimension.Pixels(Width), Format = format, Quality = quality };

    public static EncodedImage Run(IImageEngine engine, LimitsOptions limits, byte[] source, TransformSpec spec)
    {
        var info = engine.Identify(source);
        SourceGuard.Check(info, limits);
        var plan = ImagePlanner.Create(info, spec, limits, engine.CanAnimate);
        return engine.Render(source, plan, CancellationToken.None);
    }
}
