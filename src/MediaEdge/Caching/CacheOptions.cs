using MediaEdge.Caching.Disk;

namespace MediaEdge.Caching;

/// <summary>MediaEdge:Cache — the tiers and how long what they hold stays fresh.</summary>
public sealed class CacheOptions
{
    /// <summary>L1 (process memory) budget for results and source bytes, in bytes. Default 256 MiB.</summary>
    public long MemoryBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>How long source bytes stay in L1 so several sizes of one photo read it once, in seconds. Default 60.</summary>
    public int SourceSeconds { get; set; } = 60;

    /// <summary>Largest original the /o/ route keeps in L1/L2, in bytes; larger ones are streamed through. Default 16 MiB.</summary>
    public long MaxOriginalBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>L2 (Redis); an empty configuration means no L2.</summary>
    public RedisOptions Redis { get; set; } = new();

    /// <summary>The per-node disk tier for results over Redis:MaxValueBytes; an empty Path turns it off.</summary>
    public DiskCacheOptions Disk { get; set; } = new();

    /// <summary>A result is fresh this long (Cache-Control max-age), in seconds. Default 86400.</summary>
    public int FreshSeconds { get; set; } = 86400;

    /// <summary>After that, served stale while one request revalidates (stale-while-revalidate), in seconds. Default 3600.</summary>
    public int StaleWhileRevalidateSeconds { get; set; } = 3600;

    /// <summary>Served stale if the origin fails (stale-if-error), in seconds. Default 86400.</summary>
    public int StaleIfErrorSeconds { get; set; } = 86400;
}
