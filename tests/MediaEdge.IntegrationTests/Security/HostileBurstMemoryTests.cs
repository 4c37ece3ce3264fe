using System.Diagnostics;
using MediaEdge.IntegrationTests.Fuzz;

namespace MediaEdge.IntegrationTests.Security;

/// <summary>
/// Every hostile file of the media README's bad/ list, twenty requests each, all at once on a node with default
/// limits: each gets its 4xx, the process's memory stays under a stated bound, and the node then serves normally.
/// </summary>
[Collection(WholeProcessCollection.Name)]
public sealed class HostileBurstMemoryTests(ITestOutputHelper output)
{
    private const int Copies = 20;
    private const long Mebibyte = 1024 * 1024;

    /// <summary>
    /// Most the burst may add to the settled working set. Measured: a few MiB (every file is refused from its header or
    /// its structure, before any pixel is decoded); one decoded frame of the 36 MP GIF alone would take 137 MiB.
    /// </summary>
    private const long BoundMebibytes = 600;

    /// <summary>The file and the status the README's list gives it (bad/huge-dims.jpg is a truncated JPEG: see the test media README).</summary>
    private static readonly (string File, int Status, string Type)[] Files =
    [
        ("empty.jpg", 415, "unsupported-media"),
        ("html-named.png", 415, "unsupported-media"),
        ("random-bytes.jpg", 415, "unsupported-media"),
        ("random-bytes.mp4", 415, "unsupported-media"),
        ("truncated.mp4", 415, "unsupported-media"),
        ("script.svg", 415, "unsupported-media"),
        ("bomb-900mp.png", 413, "source-too-large"),
        ("huge-dims-tiny-data.png", 413, "source-too-large"),
        ("huge-dims-frame.jpg", 413, "source-too-large"),
        ("frames-3000.gif", 413, "source-too-large"),
        ("frames-20-of-36mp.gif", 413, "source-too-large"),
        ("truncated.jpg", 422, "undecodable"),
        ("huge-dims.jpg", 422, "undecodable"),
    ];

    [Fact]
    public async Task EveryHostileFile_TwentyTimesAtOnce_GetsItsStatus_InBoundedMemory_AndTheNodeServesOn()
    {
        await using var server = await MediaEdgeServer.StartAsync();
        using var client = server.CreateClient(out var guard);
        await client.GetReplyAsync("/img/local/small.jpg?w=16");

        using var memory = MemorySampler.Start();
        var started = Stopwatch.GetTimestamp();
        var replies = await Task.WhenAll(Files.SelectMany(f => Enumerable.Range(0, Copies).Select(async i =>
            (f.File, f.Status, f.Type, Reply: await client.GetReplyAsync($"/img/local/bad/{f.File}?w={300 + i}", HttpClientReplies.BrowserAccept)))));
        var elapsed = Stopwatch.GetElapsedTime(started);
        var peak = memory.Stop();

        var added = (peak - memory.Baseline) / Mebibyte;
        output.WriteLine($"{replies.Length} hostile requests at once in {elapsed.TotalMilliseconds:0} ms; working set {memory.BaselineMebibytes} MiB settled before, peak {peak / Mebibyte} MiB ({memory}): {added} MiB added; bound {BoundMebibytes} MiB added");
        Assert.All(replies, r =>
        {
            Assert.True((int)r.Reply.Status == r.Status, $"{r.File}: expected {r.Status}, got {r.Reply}");
            Assert.Equal("urn:mediaedge:problem:" + r.Type, r.Reply.Problem().GetProperty("type").GetString());
        });
        Assert.True(added < BoundMebibytes, $"the burst added {added} MiB to the working set; the bound is {BoundMebibytes} MiB");
        guard.AssertNoServerFailure();

        var after = await client.GetReplyAsync("/img/local/colorful-cups.jpg?w=320");
        Assert.Equal(HttpStatusCode.OK, after.Status);
        Assert.Equal((320, 200), Pixels.Size(after.Body));
    }
}
