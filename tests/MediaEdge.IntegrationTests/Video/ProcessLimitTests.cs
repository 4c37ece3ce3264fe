using System.Diagnostics;
using System.Net;
using MediaEdge.IntegrationTests.Assertions;
using MediaEdge.IntegrationTests.Hosting;
using Xunit.Abstractions;

namespace MediaEdge.IntegrationTests.Video;

/// <summary>A burst of distinct thumbnails all succeed, while no more ffmpeg processes run than Video:MaxProcesses.</summary>
[Collection(FfmpegProcessCollection.Name)]
public sealed class ProcessLimitTests
{
    private const int MaxProcesses = 2;
    private const int Requests = 20;
    private readonly ITestOutputHelper _output;

    public ProcessLimitTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task TwentyConcurrentThumbnails_AllSucceed_WithNeverMoreThanTwoFfmpegProcesses()
    {
        await using var server = await MediaEdgeServer.StartAsync(new Dictionary<string, string?>
        {
            ["MediaEdge:Video:MaxProcesses"] = MaxProcesses.ToString(System.Globalization.CultureInfo.InvariantCulture),

            // Two running and eighteen waiting: the whole burst fits, with nothing to spare.
            ["MediaEdge:Video:MaxQueued"] = (Requests - MaxProcesses).ToString(System.Globalization.CultureInfo.InvariantCulture),

            // The time limit counts the wait for a slot too; the last of ten rounds must not be cut off on a loaded machine.
            ["MediaEdge:Video:TimeoutSeconds"] = "120",
        });
        using var client = server.CreateClient(out var guard);
        await ChildProcesses.AssertNoneLeftAsync(TimeSpan.FromSeconds(5));

        var started = Stopwatch.GetTimestamp();
        Reply[] replies;
        int max, samples;
        using (var sampler = new FfmpegSampler())
        {
            replies = await Task.WhenAll(Enumerable.Range(0, Requests).Select(i =>
                client.GetReplyAsync($"/video/local/{VideoMedia.Slideshow}/thumbnail.jpg?time={i}.3&w=320")));
            (max, samples) = (sampler.Max, sampler.Samples);
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        _output.WriteLine($"{Requests} thumbnails in {elapsed.TotalSeconds:0.0} s; {samples} samples of /proc, at most {max} ffmpeg/ffprobe processes at once; {server.Metrics.Total("mediaedge.ffmpeg.runs")} ffmpeg runs");
        Assert.All(replies, r =>
        {
            Assert.Equal(HttpStatusCode.OK, r.Status);
            Assert.True(Magic.IsJpeg(r.Body), r.ToString());
            Assert.Equal((320, 180), Pixels.Size(r.Body));
        });
        Assert.True(max <= MaxProcesses, $"{max} ffmpeg/ffprobe processes ran at once; Video:MaxProcesses is {MaxProcesses}");
        Assert.True(max >= 1, $"the sampler never saw an ffmpeg process in {samples} samples");
        Assert.True(samples >= 10, $"only {samples} samples");
        Assert.True(server.Metrics.Total("mediaedge.ffmpeg.runs") >= Requests, "every thumbnail ran ffmpeg");
        guard.AssertNoServerFailure();
        await ChildProcesses.AssertNoneLeftAsync(TimeSpan.FromSeconds(5));
    }
}
