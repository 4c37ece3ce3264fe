using System.Globalization;

namespace MediaEdge.Caching;

/// <summary>
/// Every name under which MediaEdge keeps something in a cache tier, and every pub/sub channel: the one place a key is
/// made. A key is a group and a name (<see cref="EntryKey"/>); in L1 the pair itself is the key, in Redis it is
/// <c>{KeyPrefix}:{{group}}:{name}</c>, the group being the hash tag that keeps the entries of one object on one slot.
/// <code>
/// entry                    group            name                          tiers   written by
/// variant (image, video)   {variant hash}   img                           L1, L2  TieredCache
/// cluster compute lock     {variant hash}   lock                          L2      TieredCache
/// large variant            (file {variant hash}.entry in Cache:Disk:Path)  disk    TieredCache
/// large variant handoff    {variant hash}   handoff, handoff:{index}      L2      TieredCache (LargeEntryHandoff)
/// source bytes             {source hash}    src                           L1, L2  SourceStore
/// source state             s:{id}           state:{version}               L1, L2  SourceStates
/// source header            s:{id}           image:{version}:{validator}   L1, L2  SourceStates
/// purge version            s:{id}           ver                           L2      SourceVersions
/// /o/ stored response      {variant hash}   o                             L1, L2  ShieldStore
/// /o/ Vary names           s:{id}           ovary:{version}               L1, L2  ShieldStore
/// video probe              s:{id}           vprobe:{version}:{validator}  L1      VideoService
/// video block              s:{id}           vblk:{validator}:{index}      L1      MediaInputServer
/// usage of a source, 1 h   u:{source}       h:{yyyyMMddHH} (a hash)       L2      UsageLedger
/// channel "done"           (Redis {KeyPrefix}:done)  a variant hash: its computation ended        TieredCache
/// channel "purge"          (Redis {KeyPrefix}:purge) "{id}:{version}": a source object was purged SourceVersions
/// </code>
/// Hashes come from <see cref="CacheKey"/>, ids from <see cref="SourceVersions.IdOf"/>.
/// </summary>
public static class CacheNamespace
{
    /// <summary>The channel on which a node announces that it finished computing a variant (the message is its hash).</summary>
    public const string DoneChannel = "done";

    /// <summary>The channel on which a purge is announced (the message is <c>{id}:{version}</c>).</summary>
    public const string PurgeChannel = "purge";

    private const string SourcePrefix = "s:";

    /// <summary>A computed variant, image or video output, under its <see cref="CacheKey.ForVariant"/> hash.</summary>
    public static EntryKey Variant(string hash) => new(hash, "img");

    /// <summary>The lock that makes one node of the cluster compute the variant under <paramref name="hash"/>.</summary>
    public static EntryKey ComputeLock(string hash) => new(hash, "lock");

    /// <summary>The manifest of a variant too large for one L2 value, handed off by the node that computed it to the nodes waiting for it.</summary>
    public static EntryKey Handoff(string hash) => new(hash, "handoff");

    /// <summary>Chunk <paramref name="index"/> (from 0) of the variant handed off under <see cref="Handoff"/>.</summary>
    public static EntryKey HandoffChunk(string hash, int index) => new(hash, "handoff:" + Number(index));

    /// <summary>A source object's bytes, under its <see cref="CacheKey.ForSource"/> hash.</summary>
    public static EntryKey SourceBytes(string hash) => new(hash, "src");

    /// <summary>What the origin last said about source object <paramref name="id"/> at purge version <paramref name="version"/>.</summary>
    public static EntryKey SourceState(string id, long version) => new(SourcePrefix + id, "state:" + Number(version));

    /// <summary>What the header of source object <paramref name="id"/>'s bytes under <paramref name="validator"/> said.</summary>
    public static EntryKey SourceHeader(string id, long version, string validator) => new(SourcePrefix + id, "image:" + Number(version) + ":" + validator);

    /// <summary>Source object <paramref name="id"/>'s purge version (Redis only: each node keeps its copy in <see cref="SourceVersions"/>).</summary>
    public static EntryKey PurgeVersion(string id) => new(SourcePrefix + id, "ver");

    /// <summary>A response stored by the /o/ shared cache, under its secondary-key hash.</summary>
    public static EntryKey ShieldResponse(string variant) => new(variant, "o");

    /// <summary>The Vary names the origin gave for /o/ target <paramref name="id"/> at purge version <paramref name="version"/>.</summary>
    public static EntryKey ShieldVary(string id, long version) => new(SourcePrefix + id, "ovary:" + Number(version));

    /// <summary>ffprobe's findings on source object <paramref name="id"/>'s bytes under <paramref name="validator"/>.</summary>
    public static EntryKey VideoProbe(string id, long version, string validator) => new(SourcePrefix + id, "vprobe:" + Number(version) + ":" + validator);

    /// <summary>Block <paramref name="index"/> of source object <paramref name="id"/>'s bytes under <paramref name="validator"/>, as ffmpeg reads them.</summary>
    public static EntryKey VideoBlock(string id, string validator, long index) => new(SourcePrefix + id, "vblk:" + validator + ":" + Number(index));

    /// <summary>The usage record (a hash of counters) of <paramref name="source"/> for the hour starting at <paramref name="hour"/> (UTC).</summary>
    public static EntryKey UsageHour(string source, DateTimeOffset hour) => new("u:" + source, "h:" + hour.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture));

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
