using MediaEdge.Negotiation;
using MediaEdge.Requests;

namespace MediaEdge.Imaging;

/// <summary>Everything an engine needs to render one variant, decided before any pixel is decoded.</summary>
/// <param name="Format">The encoder: never <see cref="OutputFormat.Source"/>, <see cref="OutputFormat.JpegOrPng"/> or <see cref="OutputFormat.Json"/>.</param>
/// <param name="Animate">Keep every frame (GIF/WebP output from an animated source within budget); else the first frame only.</param>
/// <param name="Background">Colour under transparent pixels: <c>bg</c>, or white where the output has no alpha; null keeps alpha.</param>
public sealed record ImagePlan(TransformSpec Spec, SourceInfo Source, OutputFormat Format, int Quality, bool Animate, Rgba? Background)
{
    /// <summary>The source's identity (its id and validator), under which an engine may keep its decode for the next render of it (the vips ladder), and workers are chosen; null keeps nothing.</summary>
    public string? SourceIdentity { get; init; }
}
