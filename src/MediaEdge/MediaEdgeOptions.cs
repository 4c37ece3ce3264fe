using MediaEdge.Caching;
using MediaEdge.Dialects;
using MediaEdge.Imaging;
using MediaEdge.Limits;
using MediaEdge.Origins;
using MediaEdge.Security;
using MediaEdge.Tenancy.Usage;
using MediaEdge.Video;

namespace MediaEdge;

/// <summary>The <c>MediaEdge</c> configuration section; the names are fixed so operators and scripts can rely on them.</summary>
public sealed class MediaEdgeOptions
{
    public const string Section = "MediaEdge";

    public Dictionary<string, SourceOptions> Sources { get; set; } = new(StringComparer.Ordinal);

    public CacheOptions Cache { get; set; } = new();

    public ImagingOptions Imaging { get; set; } = new();

    public LimitsOptions Limits { get; set; } = new();

    public SecurityOptions Security { get; set; } = new();

    public VideoOptions Video { get; set; } = new();

    /// <summary>Other services' URL syntaxes answered besides <c>/img/</c>.</summary>
    public DialectOptions Dialects { get; set; } = new();

    /// <summary>How the usage records of sources are kept (MediaEdge:Usage).</summary>
    public UsageOptions Usage { get; set; } = new();

    /// <summary>Named parameter sets, used as <c>?preset=name</c>.</summary>
    public Dictionary<string, string> Presets { get; set; } = new(StringComparer.Ordinal);
}
