using MediaEdge.Limits;

namespace MediaEdge.Imaging.Vips;

/// <summary><c>Imaging:Engine: "vips"</c>, the default: libvips through NetVips.</summary>
public sealed class VipsEngineKind : IEngineKind
{
    /// <summary>
    /// A libvips worker compiles quickly (tier 0) what is not precompiled and never re-compiles its glue in tiers
    /// (<c>TC_CallCountThreshold</c> out of reach): re-compiling cost more CPU than every render it sped up (294 → 198 ms
    /// per image), while no tiering at all made its start 640 ms of CPU instead of 410.
    /// </summary>
    private static readonly Dictionary<string, string> RuntimeSettings = new() { ["DOTNET_TieredPGO"] = "0", ["DOTNET_TC_CallCountThreshold"] = "30000" };

    public string Name => "vips";

    public IReadOnlyDictionary<string, string> WorkerRuntimeSettings => RuntimeSettings;

    public IImageEngine Create(LimitsOptions limits, ImagingOptions imaging) => new VipsEngine(limits, imaging);

    /// <summary>Never: libvips' header reads decode nothing.</summary>
    public bool IdentifiesInWorker(ReadOnlySpan<byte> source) => false;
}
