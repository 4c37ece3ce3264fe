using System.Diagnostics;
using MediaEdge.Video;
using Microsoft.Extensions.DependencyInjection;

namespace MediaEdge.IntegrationTests.Video;

/// <summary>
/// The bursts a real page makes: a gallery of 48 thumbnails of one video all succeed on a cold node with the default
/// settings, while no more ffmpeg processes run than Video:MaxProcesses; and a flood far beyond what the node can do
/// within Video:MaxQueueWaitSeconds is refused at once with Retry-After, after which the node serves as before.
/// </summary>
[Collection(FfmpegProcessCollection.Name)]
public sealed class ProcessLimitTests(ITestOutputHelper output)
{
    private const int MaxProcesses = 2;

    [Fact]
    public async Task FortyEightConcurrentThumbnails_OnAColdNodeWithTheDefaults_AllSucceed_WithNeverMoreThanTwoFfmpegProcesses()
    {
        const int Requests = 48;
        await using var server = await MediaEdgeServer.StartAsync();
        using var client = server.CreateClient(out var guard);

        // The server decides what waits too long (503); the client here waits for its answer, whatever the box's load.
        client.Timeout = TimeSpan.FromMinutes(3);
        await ChildProcesses.AssertNoneLeftAsync(TimeSpan.FromSeconds(5));

        var started = Stopwatch.GetTimestamp();
        Reply[] replies;
        int max, samples;
        using (var sampler = new FfmpegSampler())
        {
            replies = await Task.WhenAll(Enumerable.Range(0, Requests).Select(i =>
                client.GetReplyAsync(string.Create(CultureInfo.InvariantCulture, $"/video/local/{VideoMedia.Slideshow}/thumbnail.jpg?time={i * 0.45:0.##}&w=320"))));
            (max, samples) = (sampler.Max, sampler.Samples);
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        var queue = server.Services.GetRequiredService<FfmpegRunner>().Queue;
        output.WriteLine($"{Requests} distinct thumbnails at once, cold: {elapsed.TotalSeconds:0.0} s; at most {max} ffmpeg/ffprobe processes at once in {samples} samples; {server.Metrics.Total("mediaedge.ffmpeg.runs")} runs; a frame took {queue.Average(VideoJob.Frame).TotalSeconds:0.00} s on average by the end");
        Assert.All(replies, r =>
        {
            Assert.True(r.Status == HttpStatusCode.OK, $"{r} {System.Text.Encoding.UTF8.GetString(r.Body)}");
            Assert.True(Magic.IsJpeg(r.Body), r.ToString());
            Assert.Equal((320, 180), Pixels.Size(r.Body));
        });
        Assert.Equal(Requests, replies.Select(r => r.Header("ETag")).Distinct().Count());
        Assert.Equal(0, queue.Refused);
        Assert.True(max <= MaxProcesses, $"{max} ffmpeg/ffprobe processes ran at once; Video:MaxProcesses is {MaxProcesses}");
        Assert.True(max >= 1, $"the sampler never saw an ffmpeg process in {samples} samples");
        Assert.True(server.Metrics.Total("mediaedge.ffmpeg.runs") >= Requests, "every thumbnail ran ffmpeg");
        guard.AssertNoServerFailure();
        await ChildProcesses.AssertNoneLeftAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task AFloodBeyondTheWaitBudget_IsRefusedAtOnceWithRetryAfter_AndTheNodeServesAfterwards()
    {
        const int Budget = 2;
        const int Requests = 300;
        await using var server = await MediaEdgeServer.StartAsync(new Dictionary<string, string?>
        {
            ["MediaEdge:Video:MaxQueueWaitSeconds"] = Budget.ToString(CultureInfo.InvariantCulture),
        });
        using var client = server.CreateClient(out _);
        var queue = server.Services.GetRequiredService<FfmpegRunner>().Queue;

        // One thumbnail first: the probe is cached and the node has timed a frame, as a node in service has.
        var first = await client.GetReplyAsync($"/video/local/{VideoMedia.Slideshow}/thumbnail.jpg?time=0.1&w=160");
        Assert.Equal(HttpStatusCode.OK, first.Status);

        var started = Stopwatch.GetTimestamp();
        var flood = await Task.WhenAll(Enumerable.Range(0, Requests).Select(async i =>
        {
            var reply = await client.GetReplyAsync(string.Create(CultureInfo.InvariantCulture, $"/video/local/{VideoMedia.Slideshow}/thumbnail.jpg?time={0.2 + (i * 0.07):0.##}&w=160"));
            return (Reply: reply, At: Stopwatch.GetElapsedTime(started));
        }));

        var served = flood.Where(f => f.Reply.Status == HttpStatusCode.OK).ToArray();
        var refused = flood.Where(f => f.Reply.Status == HttpStatusCode.ServiceUnavailable).ToArray();
        var retryAfter = refused.Select(f => int.Parse(f.Reply.Header("Retry-After")!, CultureInfo.InvariantCulture)).ToArray();
        output.WriteLine($"{Requests} distinct thumbnails at once with Video:MaxQueueWaitSeconds={Budget}: {served.Length} × 200 (the last after {served.Max(f => f.At).TotalSeconds:0.00} s), {refused.Length} × 503 (answered within {refused.Min(f => f.At).TotalMilliseconds:0}–{refused.Max(f => f.At).TotalMilliseconds:0} ms, median {refused.Select(f => f.At.TotalMilliseconds).Order().ElementAt(refused.Length / 2):0} ms; Retry-After {retryAfter.Min()}–{retryAfter.Max()} s); a frame takes {queue.Average(VideoJob.Frame).TotalSeconds:0.00} s");

        Assert.Equal(Requests, served.Length + refused.Length);
        Assert.NotEmpty(served);
        Assert.True(refused.Length > Requests / 2, $"only {refused.Length} of {Requests} were refused");
        Assert.All(refused, f =>
        {
            var problem = f.Reply.Problem();
            Assert.True(problem.GetProperty("type").GetString() == "urn:mediaedge:problem:video-overloaded", problem.ToString());
            Assert.Equal("Video:MaxQueueWaitSeconds", problem.GetProperty("limit").GetString());
            Assert.True(problem.GetProperty("predictedWaitSeconds").GetDouble() > Budget, problem.ToString());
        });
        Assert.All(retryAfter, r => Assert.InRange(r, Budget, 60));

        // Refused at admission, not after waiting: every 503 went out while admitted jobs were still being served.
        Assert.True(refused.Max(f => f.At) < served.Max(f => f.At), $"the last 503 came {refused.Max(f => f.At).TotalSeconds:0.00} s in, after the last 200 ({served.Max(f => f.At).TotalSeconds:0.00} s)");
        Assert.Equal(refused.Length, queue.Refused);

        var after = await client.GetReplyAsync($"/video/local/{VideoMedia.Slideshow}/thumbnail.jpg?time=21.5&w=160");
        var preview = await client.GetReplyAsync($"/video/local/{VideoMedia.Slideshow}/animated.gif?start=21&w=64");
        Assert.Equal(HttpStatusCode.OK, after.Status);
        Assert.True(Magic.IsJpeg(after.Body), after.ToString());
        Assert.Equal(HttpStatusCode.OK, preview.Status);
        Assert.Equal((0, 0), (queue.Running, queue.Waiting));
        await ChildProcesses.AssertNoneLeftAsync(TimeSpan.FromSeconds(5));
    }
}
