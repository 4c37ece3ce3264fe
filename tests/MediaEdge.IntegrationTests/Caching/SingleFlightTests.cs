namespace MediaEdge.IntegrationTests.Caching;

/// <summary>
/// Identical misses are computed once per node, and the source is read once however many variants want it.
/// Each test reads a fresh copy of the photo, so its counts are its own; the meter is this host's alone. The
/// concurrent tests go through the <c>slow</c> source, whose 300 ms reads make every request overlap the first one's work.
/// </summary>
[Collection(FreshServer.Collection)]
public sealed class SingleFlightTests : ServerTest
{
    private readonly DelayedOrigin _slow;

    public SingleFlightTests(FreshServer fixture)
        : base(fixture)
    {
        _slow = fixture.Slow(Engine);
    }

    [Fact]
    public async Task HundredIdenticalRequests_ForANewVariant_AreOneTransformAndOneOriginRead()
    {
        var key = MediaFolder.Shared.FreshCopy("colorful-cups.jpg");
        var before = Work();

        var replies = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Client.GetReplyAsync($"/img/slow/{key}?w=500&auto=format", "image/webp")));

        Assert.All(replies, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.All(replies, r => Assert.Equal("image/webp", r.ContentType));
        Assert.All(replies, r => Assert.Equal(replies[0].Body, r.Body));
        Assert.Single(replies.Select(r => r.Header("ETag")).Distinct());
        Assert.Equal(new NodeWork(Transforms: 1, OriginReads: 1, SlowReads: 1), Work() - before);
    }

    [Fact]
    public async Task TwoVariantsOfOneSource_FiredTogether_AreTwoTransformsAndOneOriginRead()
    {
        var key = MediaFolder.Shared.FreshCopy("colorful-cups.jpg");
        var before = Work();

        var replies = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => Client.GetReplyAsync($"/img/slow/{key}?w={(i % 2 == 0 ? 300 : 600)}&fm=webp")));

        Assert.All(replies, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        var small = replies.Where((_, i) => i % 2 == 0).ToArray();
        var large = replies.Where((_, i) => i % 2 == 1).ToArray();
        Assert.All(small, r => Assert.Equal(small[0].Body, r.Body));
        Assert.All(large, r => Assert.Equal(large[0].Body, r.Body));
        Assert.NotEqual(small[0].Header("ETag"), large[0].Header("ETag"));
        Assert.Equal(new NodeWork(Transforms: 2, OriginReads: 1, SlowReads: 1), Work() - before);
    }

    [Fact]
    public async Task TenSizesOneAfterAnother_ReadTheSourceOnce()
    {
        var key = MediaFolder.Shared.FreshCopy("colorful-cups.jpg");
        var (transforms, reads) = (Server.Transforms, Server.OriginReads);

        for (var w = 100; w <= 1000; w += 100)
        {
            Assert.Equal(HttpStatusCode.OK, (await Client.GetReplyAsync($"/img/local/{key}?w={w}")).Status);
        }

        Assert.Equal(10, Server.Transforms - transforms);
        Assert.Equal(1, Server.OriginReads - reads);
    }

    private NodeWork Work() => new(Server.Transforms, Server.OriginReads, _slow.Reads);

    /// <summary>What the node has done: images transformed, whole-object origin reads, and reads of the slow source.</summary>
    private readonly record struct NodeWork(long Transforms, long OriginReads, long SlowReads)
    {
        public static NodeWork operator -(NodeWork after, NodeWork before) =>
            new(after.Transforms - before.Transforms, after.OriginReads - before.OriginReads, after.SlowReads - before.SlowReads);
    }
}
