using MediaEdge.IntegrationTests.Caching;
using MediaEdge.IntegrationTests.Redis;

namespace MediaEdge.IntegrationTests.Video.Streaming;

/// <summary>Two nodes sharing one Redis: a segment asked of both at once is transcoded by one of them, once.</summary>
public sealed class SharedHlsTests(StandaloneRedis redis) : IClassFixture<StandaloneRedis>
{
    [Fact]
    public async Task OneSegmentAskedOfTwoNodesAtOnce_IsTranscodedOnceInTheCluster_AndServedIdenticallyByBoth()
    {
        await using var nodes = await NodeGroup.StartAsync(redis, 2, new Dictionary<string, string?> { ["MediaEdge:Cache:Redis:OperationTimeoutMilliseconds"] = "2000" });
        const string url = $"/video/local/{VideoMedia.Slideshow}/hls/360p/2.ts";

        var replies = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => nodes[i % 2].GetAsync(url)));
        var missedOn = replies.Select((r, i) => (r, Node: i % 2)).Where(x => x.r.CacheTier() == "miss").Select(x => x.Node).Distinct();

        Assert.All(replies, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.All(replies, r => Assert.Equal(replies[0].Body, r.Body));
        Assert.Equal("video/mp2t", replies[0].ContentType);
        // Each node probes the video itself (probes are kept per node); the transcode is one in the cluster.
        var ffmpeg = nodes.Nodes.Sum(n => n.Metrics.Total("mediaedge.ffmpeg.runs", ("tool", "ffmpeg")));
        Assert.True(ffmpeg == 1, $"{ffmpeg} ffmpeg runs across the nodes; {nodes.RedisErrors} Redis calls failed.");
        Assert.Single(missedOn);
    }
}
