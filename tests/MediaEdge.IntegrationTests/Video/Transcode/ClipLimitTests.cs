namespace MediaEdge.IntegrationTests.Video.Transcode;

/// <summary>
/// Each Video:*Clip* limit refuses with a problem naming it, before or while ffmpeg runs, and leaves no ffmpeg
/// process behind: source bytes (413), output seconds and pixels (400), clips at once (429), ffmpeg time (503).
/// </summary>
[Collection(FfmpegProcessCollection.Name)]
public sealed class ClipLimitTests
{
    private readonly ITestOutputHelper _output;

    public ClipLimitTests(ITestOutputHelper output) => _output = output;

    [Theory]
    [InlineData(VideoMedia.Slideshow, "w=160&duration=1", 413, "Video:MaxClipSourceBytes")]
    [InlineData(VideoMedia.Rotated, "w=180&duration=3", 400, "Video:MaxClipSeconds")]
    [InlineData(VideoMedia.Rotated, "w=720&duration=1", 400, "Video:MaxClipPixels")]
    public async Task OverALimit_IsA4xxProblemNamingIt_AndRunsNothingButTheProbe(string key, string query, int status, string limit)
    {
        await using var server = await MediaEdgeServer.StartAsync(new Dictionary<string, string?>
        {
            ["MediaEdge:Video:MaxClipSourceBytes"] = "1000000",
            ["MediaEdge:Video:MaxClipSeconds"] = "2",
            ["MediaEdge:Video:MaxClipPixels"] = "500000",
        });
        using var client = server.CreateClient(out _);

        var sut = await client.GetReplyAsync($"/video/local/{key}/video.mp4?{query}");

        Assert.Equal((HttpStatusCode)status, sut.Status);
        var problem = sut.Problem();
        _output.WriteLine(problem.GetProperty("detail").GetString());
        Assert.Equal(limit, problem.GetProperty("limit").GetString());
        await ChildProcesses.AssertNoneLeftAsync(TimeSpan.FromSeconds(5));
        Assert.InRange(server.Metrics.Total("mediaedge.ffmpeg.runs"), 0, 1);
    }

    [Fact]
    public async Task ASecondClipWhileOneTranscodes_WaitsItsTurn_AndBothAreServed()
    {
        await using var server = await MediaEdgeServer.StartAsync(new Dictionary<string, string?> { ["MediaEdge:Video:MaxClipProcesses"] = "1", ["MediaEdge:Video:MaxQueueWaitSeconds"] = "120" });
        using var client = server.CreateClient(out _);
        client.Timeout = TimeSpan.FromMinutes(3);

        var first = client.GetReplyAsync($"/video/local/{VideoMedia.Slideshow}/video.mp4?w=320&duration=4");
        Assert.True(await ChildProcesses.WaitForFfmpegAsync(TimeSpan.FromSeconds(30)), "the first clip's ffmpeg never started");
        var second = await client.GetReplyAsync($"/video/local/{VideoMedia.Slideshow}/video.webm?w=160&duration=1");

        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal("video/webm", second.ContentType);
        Assert.Equal(HttpStatusCode.OK, (await first).Status);
        await ChildProcesses.AssertNoneLeftAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task ASecondClipPastMaxQueueWaitSeconds_Is429NamingMaxClipProcesses_AndTheFirstStillSucceeds()
    {
        await using var server = await MediaEdgeServer.StartAsync(new Dictionary<string, string?> { ["MediaEdge:Video:MaxClipProcesses"] = "1", ["MediaEdge:Video:MaxQueueWaitSeconds"] = "1" });
        using var client = server.CreateClient(out _);
        client.Timeout = TimeSpan.FromMinutes(3);
        Assert.Equal(HttpStatusCode.OK, (await client.GetReplyAsync($"/video/local/{VideoMedia.Slideshow}/storyboard.vtt")).Status);

        var first = client.GetReplyAsync($"/video/local/{VideoMedia.Slideshow}/video.mp4?w=640");
        Assert.True(await ChildProcesses.WaitForFfmpegAsync(TimeSpan.FromSeconds(30)), "the first clip's ffmpeg never started");
        var sut = await client.GetReplyAsync($"/video/local/{VideoMedia.Slideshow}/video.webm?w=160&duration=1");

        Assert.Equal((HttpStatusCode)429, sut.Status);
        Assert.Equal("Video:MaxClipProcesses", sut.Problem().GetProperty("limit").GetString());
        Assert.NotNull(sut.Header("Retry-After"));
        Assert.Equal(HttpStatusCode.OK, (await first).Status);
        await ChildProcesses.AssertNoneLeftAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task AClipOverItsFfmpegTime_IsKilled_AndNamesClipTimeoutSeconds()
    {
        await using var server = await MediaEdgeServer.StartAsync(new Dictionary<string, string?> { ["MediaEdge:Video:ClipTimeoutSeconds"] = "1" });
        using var client = server.CreateClient(out _);
        client.Timeout = TimeSpan.FromMinutes(2);

        var sut = await client.GetReplyAsync($"/video/local/{VideoMedia.Slideshow}/video.webm?w=1280");

        Assert.Equal(HttpStatusCode.UnprocessableContent, sut.Status);
        Assert.Equal("urn:mediaedge:problem:clip-timeout", sut.Problem().GetProperty("type").GetString());
        Assert.Equal("Video:ClipTimeoutSeconds", sut.Problem().GetProperty("limit").GetString());
        Assert.Null(sut.Header("Retry-After"));
        await ChildProcesses.AssertNoneLeftAsync(TimeSpan.FromSeconds(5));
        Assert.Empty(Directory.GetFiles(Path.GetTempPath(), "mediaedge-clip-*"));
    }
}
