using System.Diagnostics;
using System.Globalization;
using System.Net;
using MediaEdge.IntegrationTests.Assertions;
using MediaEdge.IntegrationTests.Fuzz;
using MediaEdge.IntegrationTests.Hosting;
using MediaEdge.IntegrationTests.Video;
using Xunit.Abstractions;

namespace MediaEdge.IntegrationTests.Limits;

/// <summary>
/// ffmpeg past Video:TimeoutSeconds is killed like a transform past its budget: the request gets its 503 promptly, no
/// ffmpeg process is left, the node is idle a few seconds later and serves on.
/// </summary>
[Collection(WholeProcessCollection.Name)]
public sealed class FfmpegDeadlineTests(ITestOutputHelper output)
{
    private const int TimeoutSeconds = 1;

    [Fact]
    public async Task AnimatedPreviewsFarPastTheVideoTimeout_FourAtOnce_Get503Promptly_AndLeaveNoFfmpegAndAnIdleNode()
    {
        await using var server = await MediaEdgeServer.StartAsync(new Dictionary<string, string?>
        {
            ["MediaEdge:Video:TimeoutSeconds"] = TimeoutSeconds.ToString(CultureInfo.InvariantCulture),
            // One process per request: the timeout counts once a job has its process (Video:TimeoutSeconds), so with the
            // default 2 the last two would first wait for the first two to be killed, and this test is about the kill.
            ["MediaEdge:Video:MaxProcesses"] = "4",
        });
        using var client = server.CreateClient(out var guard);
        Assert.Equal(HttpStatusCode.OK, (await client.GetReplyAsync("/img/local/small.jpg?w=100")).Status);

        // Ten seconds of 1080p decoded and 300 frames encoded as WebP: many seconds of ffmpeg each.
        var replies = await Task.WhenAll(Enumerable.Range(0, 4).Select(async i =>
        {
            var started = Stopwatch.GetTimestamp();
            var reply = await client.GetReplyAsync($"/video/local/{VideoMedia.Slideshow}/animated.webp?start={i}&end={i + 10}&fps=30&w=640");
            return (Reply: reply, Elapsed: Stopwatch.GetElapsedTime(started));
        }));
        var gone = await ChildProcesses.AssertNoneLeftAsync(TimeSpan.FromSeconds(3));
        var (settled, windows) = await NodeActivity.AssertIdleWithinAsync(TimeSpan.FromSeconds(5));

        output.WriteLine($"{string.Join(", ", replies.Select(r => $"{(int)r.Reply.Status} in {r.Elapsed.TotalMilliseconds:0} ms"))}; no ffmpeg child {gone.TotalMilliseconds:0} ms after the last; idle {settled.TotalMilliseconds:0} ms later ({string.Join("; ", windows)})");
        Assert.All(replies, r =>
        {
            Assert.True(r.Reply.Status == HttpStatusCode.ServiceUnavailable, r.Reply.ToString());
            var type = r.Reply.Problem().GetProperty("type").GetString();
            Assert.True(type is "urn:mediaedge:problem:video-timeout" or "urn:mediaedge:problem:overloaded", type);
            Assert.True(int.TryParse(r.Reply.Header("Retry-After"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0, $"Retry-After: {r.Reply.Header("Retry-After")}");
            Assert.True(r.Elapsed < TimeSpan.FromSeconds(TimeoutSeconds + 4), $"the 503 took {r.Elapsed.TotalMilliseconds:0} ms; the video budget is {TimeoutSeconds} s");
        });

        var after = await client.GetReplyAsync("/img/local/small.jpg?w=120");
        Assert.Equal(HttpStatusCode.OK, after.Status);
        Assert.Equal(120, Pixels.Size(after.Body).Width);
        guard.AssertNoServerFailure();
    }
}
