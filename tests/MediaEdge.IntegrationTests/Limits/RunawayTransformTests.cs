using System.Diagnostics;
using MediaEdge.IntegrationTests.Fuzz;
using MediaEdge.IntegrationTests.Video;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Processing;

namespace MediaEdge.IntegrationTests.Limits;

/// <summary>
/// Transforms that never end, or run far past their budget, on either engine: the request gets its 503 promptly, the
/// transform stops using CPU and gives its slot back, and the node is idle and serving a few seconds later. The files
/// that used to spin ImageSharp for ever (tiny Adam7 PNGs) are served in their colour in milliseconds. ffmpeg past
/// Video:TimeoutSeconds is killed the same way, and leaves no ffmpeg process.
/// </summary>
[Collection(WholeProcessCollection.Name)]
public sealed class RunawayTransformTests(ITestOutputHelper output) : IDisposable
{
    private const int TimeoutSeconds = 2;

    private const int VideoTimeoutSeconds = 1;

    /// <summary>How long after its budget a 503 may come: the deadline's timer, the kill, the response.</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(3);

    /// <summary>How long the node may take to be idle again once every reply is in.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("mediaedge-runaway-");

    [Fact]
    public async Task TinyInterlacedPalettePngs_ManyAtOnceOnImageSharp_AreTheirColourInMilliseconds_AndTheNodeIsLeftIdleAndServing()
    {
        await using var server = await StartAsync(Engine.ImageSharp, timeoutSeconds: 30);
        using var client = server.CreateClient(out var guard);
        await WaitUntilServingAsync(client);

        // A node in service knows how long its transforms take (the first ones waited for the worker processes to start).
        for (var i = 0; i < 8; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetReplyAsync($"/img/local/small.jpg?w={200 + i}")).Status);
        }

        var cpuBefore = NodeActivity.CpuMilliseconds();

        // Distinct variants (q is part of the cache key), so each is its own transform, not one shared by single flight.
        var asked = from file in new[] { ("interlaced-palette-1x1.png", 1), ("interlaced-palette-3x3.png", 3) }
                    from q in Enumerable.Range(1, 24)
                    select (File: file.Item1, Size: file.Item2, Q: q);
        var replies = await Task.WhenAll(asked.Select(async a => (a.File, a.Size, Timed: await TimedGetAsync(client, $"/img/local/odd/{a.File}?fm=png&q={a.Q}"))));

        var cpu = NodeActivity.CpuMilliseconds() - cpuBefore;
        var (settled, windows) = await NodeActivity.AssertIdleWithinAsync(Settle);
        output.WriteLine($"{replies.Length} requests: {Summary(replies.Select(r => r.Timed))}; {cpu:0} ms CPU for the burst; idle {settled.TotalMilliseconds:0} ms later ({string.Join("; ", windows)})");
        foreach (var (file, size, (reply, elapsed)) in replies)
        {
            Assert.True(reply.Status == HttpStatusCode.OK, $"{file}: {reply} {System.Text.Encoding.UTF8.GetString(reply.Body)}");
            Assert.True(elapsed < TimeSpan.FromSeconds(3), $"{file} took {elapsed.TotalMilliseconds:0} ms");
            using var image = Pixels.Load(reply.Body);
            Assert.Equal((size, size), (image.Width, image.Height));
            for (var y = 0; y < size; y++)
            {
                for (var x = 0; x < size; x++)
                {
                    var p = image[x, y];
                    Assert.True((p.R, p.G, p.B, p.A) == (30, 144, 255, 255), $"{file} ({x},{y}) is {p}");
                }
            }
        }

        await AssertServesPromptlyAsync(client);
        guard.AssertNoServerFailure();
    }

    [Theory]
    [MemberData(nameof(Engine.Names), MemberType = typeof(Engine))]
    public async Task TransformsFarPastTheirBudget_ManyAtOnce_Get503Promptly_StopUsingCpu_AndTheNodeServesOn(string engine)
    {
        var large = LargePhotograph();
        await using var server = await StartAsync(Engine.Named(engine));
        using var client = server.CreateClient(out var guard);
        await WaitUntilServingAsync(client);
        var cpuBefore = NodeActivity.CpuMilliseconds();

        // A blur of sigma 200 and a 13° turn of a 4000-pixel-wide output: minutes of work for either engine.
        var replies = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => TimedGetAsync(client, $"/img/runaway/{large}?w={4000 + i}&blur=2000&rot=13&fm=jpg")));

        var cpu = NodeActivity.CpuMilliseconds() - cpuBefore;
        var (settled, windows) = await NodeActivity.AssertIdleWithinAsync(Settle);
        output.WriteLine($"[{engine}] {Summary(replies)}; {cpu:0} ms CPU until the last reply; idle {settled.TotalMilliseconds:0} ms later ({string.Join("; ", windows)})");
        Assert.All(replies, r => AssertPrompt503(r.Reply, r.Elapsed));
        await AssertServesPromptlyAsync(client);
        guard.AssertNoServerFailure();
    }

    [Fact]
    public async Task AnimatedPreviewsFarPastTheVideoTimeout_FourAtOnce_Get503Promptly_AndLeaveNoFfmpegAndAnIdleNode()
    {
        await using var server = await MediaEdgeServer.StartAsync(new Dictionary<string, string?>
        {
            ["MediaEdge:Video:TimeoutSeconds"] = VideoTimeoutSeconds.ToString(CultureInfo.InvariantCulture),
            // One process per request: the timeout counts once a job has its process (Video:TimeoutSeconds), so with the
            // default 2 the last two would first wait for the first two to be killed, and this test is about the kill.
            ["MediaEdge:Video:MaxProcesses"] = "4",
        });
        using var client = server.CreateClient(out var guard);
        Assert.Equal(HttpStatusCode.OK, (await client.GetReplyAsync("/img/local/small.jpg?w=100")).Status);

        // Ten seconds of 1080p decoded and 300 frames encoded as WebP: many seconds of ffmpeg each.
        var replies = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => TimedGetAsync(client, $"/video/local/{VideoMedia.Slideshow}/animated.webp?start={i}&end={i + 10}&fps=30&w=640")));
        var gone = await ChildProcesses.AssertNoneLeftAsync(TimeSpan.FromSeconds(3));
        var (settled, windows) = await NodeActivity.AssertIdleWithinAsync(TimeSpan.FromSeconds(5));

        output.WriteLine($"{string.Join(", ", replies.Select(r => $"{(int)r.Reply.Status} in {r.Elapsed.TotalMilliseconds:0} ms"))}; no ffmpeg child {gone.TotalMilliseconds:0} ms after the last; idle {settled.TotalMilliseconds:0} ms later ({string.Join("; ", windows)})");
        Assert.All(replies, r => AssertPrompt503(r.Reply, r.Elapsed, "video-timeout", VideoTimeoutSeconds, TimeSpan.FromSeconds(4)));

        var after = await client.GetReplyAsync("/img/local/small.jpg?w=120");
        Assert.Equal(HttpStatusCode.OK, after.Status);
        Assert.Equal(120, Pixels.Size(after.Body).Width);
        guard.AssertNoServerFailure();
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private static async Task<(Reply Reply, TimeSpan Elapsed)> TimedGetAsync(HttpClient client, string url)
    {
        var started = Stopwatch.GetTimestamp();
        var reply = await client.GetReplyAsync(url);
        return (reply, Stopwatch.GetElapsedTime(started));
    }

    private static void AssertPrompt503((Reply Reply, TimeSpan Elapsed) timed) => AssertPrompt503(timed.Reply, timed.Elapsed);

    private static void AssertPrompt503(Reply reply, TimeSpan elapsed) => AssertPrompt503(reply, elapsed, "transform-timeout", TimeoutSeconds, Slack);

    /// <summary>A 503 that is the timeout's <paramref name="timeout"/> problem or overloaded, with a Retry-After, within <paramref name="slack"/> of the budget.</summary>
    private static void AssertPrompt503(Reply reply, TimeSpan elapsed, string timeout, int budgetSeconds, TimeSpan slack)
    {
        Assert.True(reply.Status == HttpStatusCode.ServiceUnavailable, reply.ToString());
        var type = reply.Problem().GetProperty("type").GetString();
        Assert.True(type == $"urn:mediaedge:problem:{timeout}" || type == "urn:mediaedge:problem:overloaded", type);
        Assert.True(int.TryParse(reply.Header("Retry-After"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0, $"Retry-After: {reply.Header("Retry-After")}");
        Assert.True(elapsed < TimeSpan.FromSeconds(budgetSeconds) + slack, $"the 503 took {elapsed.TotalMilliseconds:0} ms; the budget is {budgetSeconds} s");
    }

    /// <summary>Until a first image is served: a node just started readies its engine (ImageSharp's worker processes) first.</summary>
    private static async Task WaitUntilServingAsync(HttpClient client)
    {
        var started = Stopwatch.GetTimestamp();
        while ((await client.GetReplyAsync("/img/local/small.jpg?w=100")).Status != HttpStatusCode.OK)
        {
            Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(30), "the node served no image within 30 s of its start");
        }
    }

    private static async Task AssertServesPromptlyAsync(HttpClient client)
    {
        var (after, elapsed) = await TimedGetAsync(client, "/img/local/small.jpg?w=120");
        Assert.True(after.Status == HttpStatusCode.OK, $"the request after the burst: {after} {System.Text.Encoding.UTF8.GetString(after.Body)}");
        Assert.Equal(120, Pixels.Size(after.Body).Width);
        Assert.True(elapsed < TimeSpan.FromSeconds(5), $"the request after the burst took {elapsed.TotalMilliseconds:0} ms");
    }

    private static string Summary(IEnumerable<(Reply Reply, TimeSpan Elapsed)> replies) =>
        string.Join(", ", replies.GroupBy(r => (int)r.Reply.Status).Select(g => $"{g.Count()} x {g.Key} in {g.Min(r => r.Elapsed.TotalMilliseconds):0}-{g.Max(r => r.Elapsed.TotalMilliseconds):0} ms"));

    private Task<MediaEdgeServer> StartAsync(Engine engine, int timeoutSeconds = TimeoutSeconds) =>
        MediaEdgeServer.StartAsync(
            new Dictionary<string, string?>
            {
                ["MediaEdge:Sources:runaway:Kind"] = "FileSystem",
                ["MediaEdge:Sources:runaway:Root"] = _folder.FullName,
                ["MediaEdge:Limits:MaxConcurrentTransforms"] = "2",
                ["MediaEdge:Limits:TransformTimeoutSeconds"] = timeoutSeconds.ToString(CultureInfo.InvariantCulture),
            },
            engine: engine);

    /// <summary>colorful-cups.jpg scaled to 5120x3200: a photograph's worth of detail, 16 MP to decode.</summary>
    private string LargePhotograph()
    {
        const string name = "large.jpg";
        using var image = Image.Load(MediaFolder.Shared.PathOf("colorful-cups.jpg"));
        image.Mutate(ctx => ctx.Resize(5120, 3200));
        image.SaveAsJpeg(Path.Combine(_folder.FullName, name), new JpegEncoder { Quality = 90 });
        return name;
    }
}
