using MediaEdge.IntegrationTests.Redis;
using MediaEdge.IntegrationTests.Video;

namespace MediaEdge.IntegrationTests.Caching.Disk;

/// <summary>
/// Results over Cache:Redis:MaxValueBytes (16 KiB here, so a 2 s clip is one) are kept in each node's disk tier: they
/// survive a restart, and two nodes sharing a redis-server run ffmpeg once between them, the lock holder handing the
/// bytes to the other through L2 in chunks. Each server gets a disk folder of its own, deleted after the test.
/// </summary>
public sealed class DiskTierTests(StandaloneRedis redis, ITestOutputHelper output) : IClassFixture<StandaloneRedis>, IDisposable
{
    private const int MaxValueBytes = 16384;
    private const string Clip = $"/video/local/{VideoMedia.Slideshow}/video.mp4?w=320&duration=2";
    private readonly List<string> _folders = [];

    [Fact]
    public async Task ALargeClip_AfterARestartOverTheSameFolder_IsAHitOnDisk_WithoutAnFfmpegRun()
    {
        var folder = NewFolder();
        Reply computed, again;
        await using (var before = await StartAsync(folder))
        {
            computed = await before.GetAsync(Clip);
            again = await before.GetAsync(Clip);
            Assert.Equal(1, FfmpegRuns(before));
        }

        await using var sut = await StartAsync(folder);
        var reply = await sut.GetAsync(Clip);

        output.WriteLine($"clip {computed.Body.Length:N0} bytes; after the restart {reply.CacheTier()}, {FfmpegRuns(sut)} ffmpeg runs");
        Assert.Equal(HttpStatusCode.OK, computed.Status);
        Assert.True(computed.Body.Length > MaxValueBytes, $"the clip has {computed.Body.Length} bytes: it would fit in L2");
        Assert.Equal(("miss", "hit-disk"), (computed.CacheTier(), again.CacheTier()));
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("hit-disk", reply.CacheTier());
        Assert.Equal("video/mp4", reply.ContentType);
        Assert.Equal(computed.Header("ETag"), reply.Header("ETag"));
        Assert.Equal(computed.Body, reply.Body);
        Assert.Equal(0, FfmpegRuns(sut));
    }

    [Fact]
    public async Task TwoNodesAskedTogetherForALargeClip_RunFfmpegOnce_ServeTheSameBytes_AndBothKeepItOnDisk()
    {
        var folders = new Dictionary<string, string> { ["A"] = NewFolder(), ["B"] = NewFolder() };
        await using var nodes = await NodeGroup.StartAsync(
            redis,
            2,
            new Dictionary<string, string?>
            {
                ["MediaEdge:Cache:Redis:MaxValueBytes"] = MaxValueBytes.ToString(CultureInfo.InvariantCulture),

                // The nodes share this machine's cores with ffmpeg: a slow Redis reply must not read as Redis failing.
                ["MediaEdge:Cache:Redis:OperationTimeoutMilliseconds"] = "2000",
            },
            perNode: name => new Dictionary<string, string?> { ["MediaEdge:Cache:Disk:Path"] = folders[name] });
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var asked = nodes.Nodes.Select(async node =>
        {
            await go.Task;
            return await node.GetAsync(Clip);
        }).ToArray();

        go.SetResult();
        var replies = await Task.WhenAll(asked);
        var repeats = new[] { await nodes[0].GetAsync(Clip), await nodes[1].GetAsync(Clip) };

        output.WriteLine($"clip {replies[0].Body.Length:N0} bytes; A {replies[0].CacheTier()}, B {replies[1].CacheTier()}; ffmpeg runs {FfmpegRuns(nodes[0])} + {FfmpegRuns(nodes[1])}");
        Assert.All(replies, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.True(replies[0].Body.Length > MaxValueBytes, $"the clip has {replies[0].Body.Length} bytes: it would fit in L2");
        Assert.Equal(replies[0].Body, replies[1].Body);
        Assert.Equal(replies[0].Header("ETag"), replies[1].Header("ETag"));
        Assert.True(nodes.Nodes.Sum(FfmpegRuns) == 1, $"ffmpeg ran {nodes.Nodes.Sum(FfmpegRuns)} times; {nodes.RedisErrors} Redis calls failed.");
        Assert.Equal(["hit-l2", "miss"], replies.Select(r => r.CacheTier()).Order());
        Assert.All(repeats, r => Assert.Equal("hit-disk", r.CacheTier()));
        Assert.All(repeats, r => Assert.Equal(replies[0].Body, r.Body));
        Assert.Equal(1, nodes.Nodes.Sum(FfmpegRuns));
    }

    public void Dispose()
    {
        foreach (var folder in _folders.Where(Directory.Exists))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Clip encodes: runs of ffmpeg itself, not of ffprobe (a new server probes the video again, from memory it does not keep).</summary>
    private static long FfmpegRuns(MediaEdgeServer server) => server.Metrics.Total("mediaedge.ffmpeg.runs", ("tool", "ffmpeg"));

    private static Task<MediaEdgeServer> StartAsync(string folder) => MediaEdgeServer.StartAsync(new Dictionary<string, string?>
    {
        ["MediaEdge:Cache:Disk:Path"] = folder,
        ["MediaEdge:Cache:Redis:MaxValueBytes"] = MaxValueBytes.ToString(CultureInfo.InvariantCulture),
    });

    private string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "mediaedge-disk-" + Guid.NewGuid().ToString("N")[..12]);
        _folders.Add(folder);
        return folder;
    }
}
