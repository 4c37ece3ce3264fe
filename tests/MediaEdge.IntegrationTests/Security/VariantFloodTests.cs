using System.Collections.Concurrent;
using System.Diagnostics;
using MediaEdge.IntegrationTests.Fuzz;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Processing;

namespace MediaEdge.IntegrationTests.Security;

/// <summary>
/// A cache-busting flood: 300 distinct widths of a 16-megapixel photo, 32 at a time, on a node allowed 2 transforms
/// and 8 waiting. It ends in 200s of the asked width and 503s with Retry-After, never a 500, in bounded memory.
/// </summary>
[Collection(WholeProcessCollection.Name)]
public sealed class VariantFloodTests(ITestOutputHelper output) : IDisposable
{
    private const int Variants = 300;
    private const int Concurrency = 32;
    private const long Mebibyte = 1024 * 1024;

    /// <summary>
    /// Most the flood may add to the settled working set. Two 16 MP decodes at once are estimated at 2 x 94 MiB by the
    /// decode budget; measured about 160 MiB added in all. Unbounded, 32 decodes at once would need about 3 GiB.
    /// </summary>
    private const long BoundMebibytes = 768;

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("mediaedge-flood-");

    [Fact]
    public async Task DistinctVariantFlood_EndsIn200sAnd503s_InBoundedMemory()
    {
        // 5120x3200: colorful-cups.jpg scaled up, a photograph's worth of detail to decode.
        using (var image = Image.Load(MediaFolder.Shared.PathOf("colorful-cups.jpg")))
        {
            image.Mutate(ctx => ctx.Resize(5120, 3200));
            image.SaveAsJpeg(Path.Combine(_folder.FullName, "large.jpg"), new JpegEncoder { Quality = 90 });
        }

        await using var server = await MediaEdgeServer.StartAsync(new Dictionary<string, string?>
        {
            ["MediaEdge:Sources:flood:Kind"] = "FileSystem",
            ["MediaEdge:Sources:flood:Root"] = _folder.FullName,
            ["MediaEdge:Limits:MaxConcurrentTransforms"] = "2",
            ["MediaEdge:Limits:MaxQueuedTransforms"] = "8",
        });
        using var client = server.CreateClient(out var guard);
        var replies = new ConcurrentQueue<(int Width, Reply Reply)>();
        var next = 0;

        using var memory = MemorySampler.Start();
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) <= Variants)
            {
                var width = 200 + i;
                replies.Enqueue((width, await client.GetReplyAsync($"/img/flood/large.jpg?w={width}")));
            }
        })));
        var elapsed = Stopwatch.GetElapsedTime(started);
        var peak = memory.Stop();

        var served = replies.Where(r => r.Reply.Status == HttpStatusCode.OK).ToList();
        var refused = replies.Where(r => r.Reply.Status == HttpStatusCode.ServiceUnavailable).ToList();
        var added = (peak - memory.Baseline) / Mebibyte;
        output.WriteLine($"{replies.Count} distinct variants, {Concurrency} at a time, in {elapsed.TotalSeconds:0.0} s: {served.Count} x 200, {refused.Count} x 503; working set {memory.BaselineMebibytes} MiB settled before, peak {peak / Mebibyte} MiB ({memory}): {added} MiB added; bound {BoundMebibytes} MiB added");
        Assert.Equal(Variants, replies.Count);
        Assert.All(replies, r => Assert.True(r.Reply.Status is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"w={r.Width}: {r.Reply}"));
        Assert.NotEmpty(served);
        Assert.NotEmpty(refused);
        Assert.All(served, r => Assert.Equal(r.Width, Pixels.Size(r.Reply.Body).Width));
        Assert.All(refused, r =>
        {
            Assert.Equal("urn:mediaedge:problem:overloaded", r.Reply.Problem().GetProperty("type").GetString());
            Assert.True(int.TryParse(r.Reply.Header("Retry-After"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0, $"Retry-After: {r.Reply.Header("Retry-After")}");
        });
        Assert.Equal(refused.Count, server.Metrics.Total("mediaedge.transforms.rejected"));
        Assert.Equal(served.Count, server.Transforms);
        Assert.True(added < BoundMebibytes, $"the flood added {added} MiB to the working set; the bound is {BoundMebibytes} MiB");
        guard.AssertNoServerFailure();

        var after = await client.GetReplyAsync("/img/flood/large.jpg?w=100");
        Assert.Equal(HttpStatusCode.OK, after.Status);
        Assert.Equal((100, 63), Pixels.Size(after.Body));
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
