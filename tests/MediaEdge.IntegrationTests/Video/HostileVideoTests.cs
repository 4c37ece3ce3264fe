using System.Diagnostics;

namespace MediaEdge.IntegrationTests.Video;

/// <summary>
/// Sources that are not a usable video get a clear 415 or 422 problem in bounded time, on every video route, and
/// leave no ffmpeg or ffprobe process (nor a zombie) behind.
/// </summary>
[Collection(FfmpegProcessCollection.Name)]
public sealed class HostileVideoTests(VideoServer fixture, ITestOutputHelper output) : ServerTest(fixture), IClassFixture<VideoServer>, IAsyncLifetime
{
    public Task InitializeAsync() => VideoMedia.EnsureGeneratedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(VideoMedia.AudioOnly, "thumbnail.jpg?time=1", 415, "unsupported-media")]
    [InlineData(VideoMedia.AudioOnly, "thumbnail.jpg", 415, "unsupported-media")]
    [InlineData(VideoMedia.AudioOnly, "animated.gif", 415, "unsupported-media")]
    [InlineData(VideoMedia.AudioOnly, "storyboard.vtt", 415, "unsupported-media")]
    [InlineData(VideoMedia.Truncated, "thumbnail.jpg?time=15", 422, "undecodable")]
    [InlineData(VideoMedia.Truncated, "thumbnail.jpg?time=1", 422, "undecodable")]
    [InlineData(VideoMedia.Truncated, "storyboard.jpg", 422, "undecodable")]
    [InlineData(VideoMedia.RandomBytes, "thumbnail.jpg?time=1", 415, "unsupported-media")]
    [InlineData(VideoMedia.RandomBytes, "animated.webp", 415, "unsupported-media")]
    [InlineData(VideoMedia.RandomBytes, "storyboard.jpg", 415, "unsupported-media")]
    [InlineData(VideoMedia.AudioOnly, "video.mp4", 415, "unsupported-media")]
    [InlineData(VideoMedia.Truncated, "video.mp4?w=160", 422, "undecodable")]
    [InlineData(VideoMedia.RandomBytes, "video.webm", 415, "unsupported-media")]
    [InlineData(VideoMedia.AudioOnly, "hls/master.m3u8", 415, "unsupported-media")]
    [InlineData(VideoMedia.Truncated, "hls/360p/2.ts", 422, "undecodable")]
    [InlineData(VideoMedia.RandomBytes, "hls/360p/index.m3u8", 415, "unsupported-media")]
    public async Task NotAUsableVideo_IsAClearProblem_AndLeavesNoProcess(string key, string route, int status, string type)
    {
        var started = Stopwatch.GetTimestamp();
        var sut = await Client.GetReplyAsync($"/video/local/{key}/{route}");
        var elapsed = Stopwatch.GetElapsedTime(started);

        Assert.Equal((HttpStatusCode)status, sut.Status);
        var problem = sut.Problem();
        Assert.Equal("urn:mediaedge:problem:" + type, problem.GetProperty("type").GetString());
        Assert.True(elapsed < TimeSpan.FromSeconds(10), $"the answer took {elapsed.TotalSeconds:0.0} s");
        var gone = await ChildProcesses.AssertNoneLeftAsync(TimeSpan.FromSeconds(5));
        output.WriteLine($"{key}/{route}: {(int)sut.Status} in {elapsed.TotalMilliseconds:0} ms, \"{problem.GetProperty("detail").GetString()}\"; no ffmpeg child after {gone.TotalMilliseconds:0} ms more");
    }
}
