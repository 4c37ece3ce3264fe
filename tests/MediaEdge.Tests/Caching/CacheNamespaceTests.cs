using MediaEdge.Caching;

namespace MediaEdge.Tests.Caching;

public sealed class CacheNamespaceTests
{
    private const string Hash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private const string Id = "2c26b46b68ffc68ff99b453c1d304134";

    [Fact]
    public void InRedis_EveryKeyIsTheOneEarlierReleasesWrote_SoARunningClustersEntriesStayValid()
    {
        var keys = new[]
        {
            CacheNamespace.Variant(Hash),
            CacheNamespace.ComputeLock(Hash),
            CacheNamespace.SourceBytes(Hash),
            CacheNamespace.SourceState(Id, 3),
            CacheNamespace.SourceHeader(Id, 3, "\"etag-1\""),
            CacheNamespace.PurgeVersion(Id),
            CacheNamespace.ShieldResponse(Hash),
            CacheNamespace.ShieldVary(Id, 12),
            CacheNamespace.Handoff(Hash),
            CacheNamespace.HandoffChunk(Hash, 3),
        };

        Assert.Equal(
            [
                $"me:{{{Hash}}}:img",
                $"me:{{{Hash}}}:lock",
                $"me:{{{Hash}}}:src",
                $"me:{{s:{Id}}}:state:3",
                $"me:{{s:{Id}}}:image:3:\"etag-1\"",
                $"me:{{s:{Id}}}:ver",
                $"me:{{{Hash}}}:o",
                $"me:{{s:{Id}}}:ovary:12",
                $"me:{{{Hash}}}:handoff",
                $"me:{{{Hash}}}:handoff:3",
            ],
            keys.Select(k => k.InRedis("me")));
    }

    [Fact]
    public void Keys_OfOneSourceObject_ShareItsHashTag_AndNeverEachOther()
    {
        var keys = new[]
        {
            CacheNamespace.SourceState(Id, 1),
            CacheNamespace.SourceHeader(Id, 1, "1"),
            CacheNamespace.PurgeVersion(Id),
            CacheNamespace.ShieldVary(Id, 1),
            CacheNamespace.VideoProbe(Id, 1, "1"),
            CacheNamespace.VideoBlock(Id, "1", 1),
        };

        Assert.All(keys, k => Assert.Equal("s:" + Id, k.Group));
        Assert.Equal(keys.Length, keys.Distinct().Count());
    }

    [Fact]
    public void Keys_OfOneHash_DifferByKind()
    {
        var keys = new[] { CacheNamespace.Variant(Hash), CacheNamespace.ComputeLock(Hash), CacheNamespace.SourceBytes(Hash), CacheNamespace.ShieldResponse(Hash) };

        Assert.Equal(keys.Length, keys.Distinct().Count());
    }

    [Fact]
    public void Keys_DifferByVersionAndValidator()
    {
        Assert.NotEqual(CacheNamespace.SourceState(Id, 1), CacheNamespace.SourceState(Id, 2));
        Assert.NotEqual(CacheNamespace.VideoProbe(Id, 1, "a"), CacheNamespace.VideoProbe(Id, 1, "b"));
        Assert.NotEqual(CacheNamespace.VideoBlock(Id, "a", 0), CacheNamespace.VideoBlock(Id, "a", 1));
        Assert.Equal(CacheNamespace.SourceHeader(Id, 4, "v"), CacheNamespace.SourceHeader(Id, 4, "v"));
    }
}
