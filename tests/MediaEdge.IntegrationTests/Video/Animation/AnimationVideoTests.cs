using MediaEdge.IntegrationTests.Video.Transcode;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MediaEdge.IntegrationTests.Video.Animation;

/// <summary>
/// /img/{source}/{key}?fm=mp4|webm: an animated GIF or WebP as a silent video (imgix's fm=mp4), read back with ffprobe.
/// animated.gif is 240x150, 12 frames of 80 ms (0.96 s).
/// </summary>
public sealed class AnimationVideoTests(VideoServer fixture, ITestOutputHelper output) : ServerTest(fixture), IClassFixture<VideoServer>
{
    private const double GifSeconds = 0.96;

    [Fact]
    public async Task AnimatedGif_AsMp4_IsSilentH264_OfTheGifsFramesAndLength_AtTheAskedWidth()
    {
        var sut = await Client.GetReplyAsync("/img/local/animated.gif?fm=mp4&w=160");

        Assert.Equal(HttpStatusCode.OK, sut.Status);
        Assert.Equal("video/mp4", sut.ContentType);
        var boxes = VideoMedia.TopLevelBoxes(sut.Body).Select(b => b.Type).ToList();
        Assert.True(boxes.IndexOf("moov") >= 0 && boxes.IndexOf("moov") < boxes.IndexOf("mdat"), "box order: " + string.Join(' ', boxes));
        var video = await ClipProbe.ReadAsync(sut.Body);
        output.WriteLine($"{video}, {video.FrameCount} frames, {sut.Body.Length} bytes");
        Assert.Equal(("h264", 160, 100, null, "yuv420p"), (video.VideoCodec, video.Width, video.Height, video.AudioCodec, video.PixelFormat));
        Assert.Equal(12, video.FrameCount);
        Assert.InRange(video.DurationSeconds, GifSeconds - 0.05, GifSeconds + 0.05);
    }

    /// <summary>
    /// Every frame keeps its own delay, the last one too, whatever the delays: seeded GIFs of 2–5 frames with delays
    /// from 0.02 to 1 s (ffmpeg 5.1 had rounded them to its guessed rate and given the last frame a default length).
    /// </summary>
    [Theory]
    [InlineData(1, "mp4")]
    [InlineData(2, "mp4")]
    [InlineData(3, "webm")]
    public async Task GifOfUnequalDelays_AsVideo_ShowsEachFrameForItsOwnDelay(int seed, string format)
    {
        var random = new Random(seed);
        var delays = Enumerable.Range(0, random.Next(2, 6)).Select(_ => new[] { 2, 5, 10, 37, 50, 100 }[random.Next(6)]).ToArray();
        var key = $"generated/delays-{seed}.gif";
        using (var gif = new Image<Rgba32>(64, 48, Colour(0)))
        {
            gif.Frames.RootFrame.Metadata.GetGifMetadata().FrameDelay = delays[0];
            for (var i = 1; i < delays.Length; i++)
            {
                using var frame = new Image<Rgba32>(64, 48, Colour(i));
                gif.Frames.AddFrame(frame.Frames.RootFrame).Metadata.GetGifMetadata().FrameDelay = delays[i];
            }

            Directory.CreateDirectory(Path.GetDirectoryName(MediaFolder.Shared.PathOf(key))!);
            await gif.SaveAsGifAsync(MediaFolder.Shared.PathOf(key));
        }

        var sut = await Client.GetReplyAsync($"/img/local/{key}?fm={format}");

        Assert.Equal(HttpStatusCode.OK, sut.Status);
        var starts = (await ClipProbe.FfprobeAsync(sut.Body, "-select_streams", "v:0", "-show_entries", "packet=pts_time", "-of", "csv=p=0"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(t => double.Parse(t.TrimEnd(','), CultureInfo.InvariantCulture)).Order().ToArray();
        var expected = delays.Select((_, i) => delays.Take(i).Sum() / 100.0).ToArray();
        var video = await ClipProbe.ReadAsync(sut.Body);
        output.WriteLine($"delays {string.Join(", ", delays)} (hundredths): frames start at {string.Join(", ", starts)}; {video.DurationSeconds} s");
        Assert.Equal(expected.Length, starts.Length);
        Assert.All(expected.Zip(starts), pair => Assert.Equal(pair.First, pair.Second, 3));
        Assert.Equal(delays.Sum() / 100.0, video.DurationSeconds, 2);

        static Rgba32 Colour(int i) => new((byte)(i * 60), (byte)(255 - (i * 50)), (byte)(i % 2 * 200));
    }

    [Theory]
    [InlineData("w=1", "mp4", 2, 2)]
    [InlineData("h=1", "webm", 2, 2)]
    [InlineData("w=3", "mp4", 2, 2)]
    public async Task AOnePixelSide_IsDoubled_AndAnOddOneLosesAPixel_AsTheCodecsNeedEvenSides(string size, string format, int width, int height)
    {
        var sut = await Client.GetReplyAsync($"/img/local/animated.gif?fm={format}&{size}");

        Assert.Equal(HttpStatusCode.OK, sut.Status);
        var video = await ClipProbe.ReadAsync(sut.Body);
        Assert.Equal((width, height), (video.Width, video.Height));
    }

    [Fact]
    public async Task AnimatedGif_AsWebm_IsSilentVp9()
    {
        var sut = await Client.GetReplyAsync("/img/local/animated.gif?fm=webm&w=120");

        Assert.Equal(HttpStatusCode.OK, sut.Status);
        Assert.Equal("video/webm", sut.ContentType);
        var video = await ClipProbe.ReadAsync(sut.Body);
        output.WriteLine($"{video}, {sut.Body.Length} bytes");
        // 120x75 is made even for 4:2:0: the last row goes.
        Assert.Equal(("vp9", 120, 74, null), (video.VideoCodec, video.Width, video.Height, video.AudioCodec));
        Assert.InRange(video.DurationSeconds, GifSeconds - 0.05, GifSeconds + 0.05);
    }

    [Theory]
    [InlineData(240)]
    [InlineData(160)]
    public async Task AnimatedGif_AsMp4_IsAtLeastFiveTimesSmallerThanAsGif_AtTheSameWidth(int width)
    {
        var gif = await Client.GetReplyAsync($"/img/local/animated.gif?fm=gif&w={width}");
        var sut = await Client.GetReplyAsync($"/img/local/animated.gif?fm=mp4&w={width}");

        Assert.Equal(("image/gif", "video/mp4"), (gif.ContentType, sut.ContentType));
        var ratio = (double)gif.Body.Length / sut.Body.Length;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"w={width}: fm=gif {gif.Body.Length} bytes, fm=mp4 {sut.Body.Length} bytes, {ratio:0.0}x smaller"));
        Assert.True(ratio >= 5, $"fm=gif {gif.Body.Length} bytes, fm=mp4 {sut.Body.Length} bytes: {ratio:0.00}x");
    }

    [Fact]
    public async Task AnimatedWebp_AsMp4_KeepsItsLength()
    {
        var key = $"fresh/animated-{Guid.NewGuid():N}.webp";
        await FfmpegCli.RunAsync("-i", MediaFolder.Shared.PathOf("animated.gif"), "-c:v", "libwebp_anim", "-lossless", "1", "-loop", "0", MediaFolder.Shared.PathOf(key));

        var sut = await Client.GetReplyAsync($"/img/local/{key}?fm=mp4");

        Assert.Equal(HttpStatusCode.OK, sut.Status);
        var video = await ClipProbe.ReadAsync(sut.Body);
        output.WriteLine($"{video}, {video.FrameCount} frames, {sut.Body.Length} bytes");
        Assert.Equal(("h264", 240, 150, null), (video.VideoCodec, video.Width, video.Height, video.AudioCodec));
        Assert.Equal(12, video.FrameCount);
        Assert.InRange(video.DurationSeconds, GifSeconds - 0.05, GifSeconds + 0.05);
    }

    [Theory]
    [InlineData("small.jpg", "mp4")]
    [InlineData("alpha.png", "webm")]
    public async Task AStillSource_AsVideo_IsA400NamingFm(string key, string format)
    {
        var sut = await Client.GetReplyAsync($"/img/local/{key}?fm={format}");

        Assert.Equal(HttpStatusCode.BadRequest, sut.Status);
        Assert.Equal("fm", sut.Problem().GetProperty("parameter").GetString());
    }

    [Fact]
    public async Task TheSameVideoAgain_IsServedFromTheCache_WithoutAnotherFfmpegRun()
    {
        var first = await Client.GetReplyAsync("/img/local/animated.gif?fm=mp4&w=100");
        var runs = Server.Metrics.Total("mediaedge.ffmpeg.runs");
        var sut = await Client.GetReplyAsync("/img/local/animated.gif?fm=mp4&w=100");

        Assert.Equal(HttpStatusCode.OK, sut.Status);
        Assert.Equal("cache;desc=hit-l1", sut.Header("Server-Timing"));
        Assert.Equal(first.Body, sut.Body);
        Assert.Equal(runs, Server.Metrics.Total("mediaedge.ffmpeg.runs"));
        Assert.True(runs >= 1, "the first request ran ffmpeg");
    }
}
