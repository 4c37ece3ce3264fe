using MediaEdge.Composition;
using MediaEdge.Limits;

namespace MediaEdge.Imaging;

/// <summary>
/// An imaging engine, chosen by <c>MediaEdge:Imaging:Engine</c> (the other engines are the fallback for what it cannot read).
/// Each lives in its own folder under <c>Imaging/</c>, registered by its <c>Add…()</c> and found by name in <see cref="NamedExtensions{T}"/>.
/// </summary>
public interface IEngineKind : INamedExtension
{
    /// <summary>
    /// The environment of the engine's worker processes: JIT settings chosen by measurement (benchmarks/Peers, CPU per image
    /// of 40 distinct photos to WebP, and a fresh worker's CPU until ready).
    /// </summary>
    IReadOnlyDictionary<string, string> WorkerRuntimeSettings { get; }

    /// <summary>The engine, in this process (header reads) or in a worker process (renders).</summary>
    IImageEngine Create(LimitsOptions limits, ImagingOptions imaging);

    /// <summary>Whether this engine's header read of <paramref name="source"/> may run long, and so belongs in a worker that can be killed.</summary>
    bool IdentifiesInWorker(ReadOnlySpan<byte> source);
}
