using MediaEdge.Requests;

namespace MediaEdge.Imaging;

/// <summary>
/// The engine seam: read a header, render a plan. Parsing, negotiation, limits, caching and HTTP live outside it,
/// so a second engine (libvips) implements these members and nothing else.
/// </summary>
public interface IImageEngine
{
    /// <summary>Short name, as in configuration (Imaging:Engine).</summary>
    string Name { get; }

    /// <summary>The library version; part of every cache key, so an upgrade never serves old bytes as new.</summary>
    string Version { get; }

    bool CanEncode(OutputFormat format);

    /// <summary>True where the engine writes every frame of an animation in this format.</summary>
    bool CanAnimate(OutputFormat format);

    /// <summary>Reads the header only. Throws a 415/422 <see cref="ProblemException"/> for what is not a readable image.</summary>
    SourceInfo Identify(ReadOnlyMemory<byte> source);

    /// <summary>Decodes, applies the plan, strips metadata and encodes.</summary>
    EncodedImage Render(ReadOnlyMemory<byte> source, ImagePlan plan, CancellationToken cancellationToken);
}
