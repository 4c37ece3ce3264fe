namespace MediaEdge.Caching.Disk;

/// <summary>
/// MediaEdge:Cache:Disk — the per-node disk tier that keeps results too large for L2 (over Cache:Redis:MaxValueBytes).
/// One folder per node: two processes over one folder would each delete what the other is writing when they start.
/// </summary>
public sealed class DiskCacheOptions
{
    /// <summary>Absolute folder of the disk tier, created if absent; empty turns the tier off. Default <c>{temp}/mediaedge-cache</c> (/tmp/mediaedge-cache on Linux), so a read-only image needs no volume.</summary>
    public string Path { get; set; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mediaedge-cache");

    /// <summary>Most bytes the folder holds, headers included; the least recently used entries are deleted to make room. Default 2 GiB.</summary>
    public long MaxBytes { get; set; } = 2L * 1024 * 1024 * 1024;
}
