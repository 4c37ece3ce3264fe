using System.Collections.Concurrent;
using System.Diagnostics;
using MediaEdge.IntegrationTests.Fuzz;

namespace MediaEdge.IntegrationTests.Limits;

/// <summary>
/// Load is shed by how long a transform would wait against its time budget, not by a fixed queue length: a page's burst
/// of distinct variants waits and is served, while a flood beyond what the node can do in its budget is refused at once
/// with 503 and a Retry-After of the predicted wait, and the node serves normally afterwards.
/// </summary>
[Collection(WholeProcessCollection.Name)]
public sealed class QueueWaitTests
{
    private const int FloodTimeoutSeconds = 10;

    /// <summary>Distinct heavy variants at once: 5 to 20 times what two slots finish in the 10 s budget on either engine.</summary>
    private const int FloodSize = 200;

    /// <summary>A refusal within this is prompt: half the flood's 10 s budget.</summary>
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(5);

    /// <summary>What a request does before its transform's budget starts (reading the source, its header) takes this much at most under the flood.</summary>
    private static readonly TimeSpan BeforeTheGate = TimeSpan.FromSeconds(2);

    private static readonly string[] PageImages = ["colorful-cups.jpg", "orientation-6.jpg", "progressive.jpg", "cmyk.jpg", "alpha.png", "small.jpg"];

    private readonly ITestOutputHelper _output;

    public QueueWaitTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Theory]
    [MemberData(nameof(Engine.Names), MemberType = typeof(Engine))]
    public async Task PageBurst_96DistinctVariantsAtOnce_OnTwoSlots_AreAllServed(string engine)
    {
        // 96 waiting transforms: more than the fixed queue of 64 that used to turn a page's burst into 503s.
        await using var server = await MediaEdgeServer.StartAsync(new Dictionary<string, string?> { ["MediaEdge:Limits:MaxConcurrentTransforms"] = "2" }, engine: Engine.Named(engine));
        using var client = server.CreateClient(out var guard);
        var asked = from image in PageImages from i in Enumerable.Range(0, 16) select (Image: image, Width: 160 + (i * 24));

        var started = Stopwatch.GetTimestamp();
        var replies = await Task.WhenAll(asked.Select(async a => (a.Image, a.Width, Reply: await client.GetReplyAsync($"/img/local/{a.Image}?w={a.Width}"))));
        var elapsed = Stopwatch.GetElapsedTime(started);

        _output.WriteLine($"[{engine}] {replies.Length} distinct variants on 2 slots: {replies.Count(r => r.Reply.Status == HttpStatusCode.OK)} x 200 in {elapsed.TotalMilliseconds:0} ms");
        Assert.All(replies, r =>
        {
            Assert.True(r.Reply.Status == HttpStatusCode.OK, $"{r.Image} w={r.Width}: {r.Reply}");
            Assert.Equal(r.Width, Pixels.Size(r.Reply.Body).Width);
        });
        Assert.Equal(0, server.Metrics.Total("mediaedge.transforms.rejected"));
        guard.AssertNoServerFailure();
    }

    [Theory]
    [MemberData(nameof(Engine.Names), MemberType = typeof(Engine))]
    public async Task Flood_FarBeyondWhatTheNodeCanDoInItsBudget_GetsPrompt503sWithRetryAfter_AndTheNodeServesAfterwards(string engine)
    {
        await using var server = await MediaEdgeServer.StartAsync(
            new Dictionary<string, string?>
            {
                ["MediaEdge:Limits:MaxConcurrentTransforms"] = "2",
                ["MediaEdge:Limits:TransformTimeoutSeconds"] = FloodTimeoutSeconds.ToString(CultureInfo.InvariantCulture),
            },
            engine: Engine.Named(engine));
        using var client = server.CreateClient(out var guard);

        // A node that has been serving knows how long its transforms take when its slots are busy: two at a time teach it.
        for (var i = 0; i < 8; i += 2)
        {
            var teaching = await Task.WhenAll(client.GetReplyAsync(Heavy(i)), client.GetReplyAsync(Heavy(i + 1)));
            Assert.All(teaching, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        }

        var replies = new ConcurrentBag<(int Index, Reply Reply, TimeSpan Elapsed)>();
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(100, FloodSize).Select(async i =>
        {
            var sent = Stopwatch.GetTimestamp();
            var reply = await client.GetReplyAsync(Heavy(i));
            replies.Add((i, reply, Stopwatch.GetElapsedTime(sent)));
        }));
        var elapsed = Stopwatch.GetElapsedTime(started);

        var served = replies.Where(r => r.Reply.Status == HttpStatusCode.OK).ToList();
        var refused = replies.Where(r => r.Reply.Status == HttpStatusCode.ServiceUnavailable).ToList();
        _output.WriteLine(
            $"[{engine}] flood of {replies.Count} distinct variants on 2 slots, budget {FloodTimeoutSeconds} s, over {elapsed.TotalSeconds:0.0} s: " +
            $"{served.Count} x 200 ({Range(served)}), {refused.Count} x 503 ({Range(refused)}; Retry-After {string.Join(",", refused.Select(r => r.Reply.Header("Retry-After")).Distinct().Order())})");
        Assert.All(replies, r => Assert.True(r.Reply.Status is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"#{r.Index}: {r.Reply}"));
        Assert.NotEmpty(served);
        Assert.NotEmpty(refused);
        Assert.All(refused, r =>
        {
            Assert.Equal("urn:mediaedge:problem:overloaded", r.Reply.Problem().GetProperty("type").GetString());
            Assert.True(int.TryParse(r.Reply.Header("Retry-After"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0, $"Retry-After: {r.Reply.Header("Retry-After")}");

            // No refusal waits out its budget (a fixed queue answered 503 only when the budget had run out).
            Assert.True(r.Elapsed < TimeSpan.FromSeconds(FloodTimeoutSeconds), $"#{r.Index} was refused after {r.Elapsed.TotalMilliseconds:0} ms, its whole budget");
        });

        // Refused at once on arrival, or from the line as soon as the node turned out slower than its average said.
        var prompt = refused.Count(r => r.Elapsed < Prompt);
        Assert.True(prompt >= refused.Count * 9 / 10, $"only {prompt} of {refused.Count} refusals came within {Prompt.TotalSeconds:0} s");

        // What was admitted was served within its budget: nobody waited in line only to time out (every 503 above is a refusal).
        Assert.All(served, r => Assert.True(r.Elapsed < TimeSpan.FromSeconds(FloodTimeoutSeconds) + BeforeTheGate, $"#{r.Index} was served after {r.Elapsed.TotalMilliseconds:0} ms"));
        Assert.Equal(refused.Count, server.Metrics.Total("mediaedge.transforms.rejected"));
        guard.AssertNoServerFailure();

        var afterStarted = Stopwatch.GetTimestamp();
        var after = await client.GetReplyAsync("/img/local/small.jpg?w=120");
        var afterElapsed = Stopwatch.GetElapsedTime(afterStarted);
        Assert.Equal(HttpStatusCode.OK, after.Status);
        Assert.True(afterElapsed < TimeSpan.FromSeconds(3), $"the request after the flood took {afterElapsed.TotalMilliseconds:0} ms");
    }

    /// <summary>A distinct variant that takes a good part of a second on either engine.</summary>
    private static string Heavy(int i) => $"/img/local/colorful-cups.jpg?w={1000 + i}&blur=300&fm=webp";

    private static string Range(List<(int Index, Reply Reply, TimeSpan Elapsed)> replies) =>
        replies.Count == 0 ? "-" : $"{replies.Min(r => r.Elapsed.TotalMilliseconds):0}-{replies.Max(r => r.Elapsed.TotalMilliseconds):0} ms";
}
