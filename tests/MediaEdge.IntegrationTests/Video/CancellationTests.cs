using System.Diagnostics;

namespace MediaEdge.IntegrationTests.Video;

/// <summary>A client that goes away while ffmpeg works for it leaves no ffmpeg process behind, and the server keeps serving.</summary>
[Collection(FfmpegProcessCollection.Name)]
public sealed class CancellationTests(ITestOutputHelper output)
{
    private const int TimeoutSeconds = 10;

    [Fact]
    public async Task StoryboardRequestCancelledWhileFfmpegRuns_LeavesNoFfmpegProcess()
    {
        await using var server = await MediaEdgeServer.StartAsync(new Dictionary<string, string?>
        {
            ["MediaEdge:Video:TimeoutSeconds"] = TimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        using var client = server.CreateClient(out var guard);
        await ChildProcesses.AssertNoneLeftAsync(TimeSpan.FromSeconds(5));
        var url = $"/video/local/{VideoMedia.Slideshow}/storyboard.jpg";

        using var cancel = new CancellationTokenSource();
        var request = client.GetAsync(url, cancel.Token);
        var running = await ChildProcesses.WaitForFfmpegAsync(TimeSpan.FromSeconds(10));
        var cancelled = Stopwatch.GetTimestamp();
        await cancel.CancelAsync();

        Assert.True(running, "ffmpeg never started for the storyboard");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);

        // The job may finish for the cache or be stopped, but within the video time limit either way.
        var gone = await ChildProcesses.AssertNoneLeftAsync(TimeSpan.FromSeconds(TimeoutSeconds + 5));
        output.WriteLine($"cancelled while ffmpeg ran; no ffmpeg/ffprobe child and no zombie {Stopwatch.GetElapsedTime(cancelled).TotalMilliseconds:0} ms after the cancel (polling took {gone.TotalMilliseconds:0} ms)");

        var after = await client.GetReplyAsync(url);
        Assert.Equal(HttpStatusCode.OK, after.Status);
        Assert.True(Magic.IsJpeg(after.Body), after.ToString());
        guard.AssertNoServerFailure();
        await ChildProcesses.AssertNoneLeftAsync(TimeSpan.FromSeconds(5));
    }
}
