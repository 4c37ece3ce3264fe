using System.Diagnostics;

namespace MediaEdge.IntegrationTests.Video.Transcode;

/// <summary>/video/local/{key}/video.{mp4,webm}: transcoded clips, read back with ffprobe as a player would see them.</summary>
public sealed class ClipTests : ServerTest, IClassFixture<VideoServer>
{
    private readonly ITestOutputHelper _output;

    public ClipTests(VideoServer fixture, ITestOutputHelper output)
        : base(fixture)
    {
        _output = output;
    }

    [Fact]
    public async Task Mp4_640Wide_IsH264AacWithTheIndexFirst_AndSmallerThanTheSource()
    {
        var started = Stopwatch.GetTimestamp();
        var sut = await Client.GetReplyAsync($"/video/local/{VideoMedia.Slideshow}/video.mp4?w=640");
        var elapsed = Stopwatch.GetElapsedTime(started);

        Assert.Equal(HttpStatusCode.OK, sut.Status);
        Assert.Equal("video/mp4", sut.ContentType);
        var boxes = VideoMedia.TopLevelBoxes(sut.Body).Select(b => b.Type).ToList();
        Assert.True(boxes.IndexOf("moov") >= 0 && boxes.IndexOf("moov") < boxes.IndexOf("mdat"), "box order: " + string.Join(' ', boxes));
        var clip = await ClipProbe.ReadAsync(sut.Body);
        _output.WriteLine($"{clip}, {sut.Body.Length} bytes ({(double)sut.Body.Length / VideoMedia.SlideshowBytes:0.000} of the source) in {elapsed.TotalSeconds:0.0} s ({VideoMedia.SlideshowSeconds / elapsed.TotalSeconds:0.00}x real time), load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        Assert.Equal(("h264", 640, 360, "aac"), (clip.VideoCodec, clip.Width, clip.Height, clip.AudioCodec));
        Assert.Equal(("yuv420p", "bt709"), (clip.PixelFormat, clip.ColourSpace));
        Assert.InRange(clip.DurationSeconds, VideoMedia.SlideshowSeconds - 0.3, VideoMedia.SlideshowSeconds + 0.3);
        Assert.True(sut.Body.Length < VideoMedia.SlideshowBytes, $"{sut.Body.Length} bytes, the source has {VideoMedia.SlideshowBytes}");
    }

    [Fact]
    public async Task Webm_IsVp9AndOpus_OfTheAskedStretch()
    {
        var sut = await Client.GetReplyAsync($"/video/local/{VideoMedia.Slideshow}/video.webm?w=320&start=2&duration=2");

        Assert.Equal(HttpStatusCode.OK, sut.Status);
        Assert.Equal("video/webm", sut.ContentType);
        var clip = await ClipProbe.ReadAsync(sut.Body);
        _output.WriteLine($"{clip}, {sut.Body.Length} bytes");
        Assert.Equal(("vp9", 320, 180, "opus"), (clip.VideoCodec, clip.Width, clip.Height, clip.AudioCodec));
        Assert.InRange(clip.DurationSeconds, 1.9, 2.15);
    }

    [Fact]
    public async Task FmWebm_OverridesTheMp4Extension()
    {
        var sut = await Client.GetReplyAsync($"/video/local/{VideoMedia.Slideshow}/video.mp4?w=160&duration=1&fm=webm");

        Assert.Equal(HttpStatusCode.OK, sut.Status);
        Assert.Equal("video/webm", sut.ContentType);
        Assert.Equal("vp9", (await ClipProbe.ReadAsync(sut.Body)).VideoCodec);
    }

    [Fact]
    public async Task AudioFalse_StripsTheAudio_AndFpsSetsTheRate()
    {
        var sut = await Client.GetReplyAsync($"/video/local/{VideoMedia.Slideshow}/video.mp4?w=160&duration=1&audio=false&fps=10");

        Assert.Equal(HttpStatusCode.OK, sut.Status);
        var clip = await ClipProbe.ReadAsync(sut.Body);
        _output.WriteLine(clip.ToString());
        Assert.Equal("h264", clip.VideoCodec);
        Assert.Null(clip.AudioCodec);
        Assert.Equal(10, clip.FrameRate, 1);
        Assert.InRange(clip.DurationSeconds, 0.9, 1.15);
    }

    [Fact]
    public async Task RotatedSource_GivesAnUprightPortraitClip_WithoutARotationTag()
    {
        var sut = await Client.GetReplyAsync($"/video/local/{VideoMedia.Rotated}/video.mp4?w=180&duration=1");

        Assert.Equal(HttpStatusCode.OK, sut.Status);
        var clip = await ClipProbe.ReadAsync(sut.Body);
        _output.WriteLine(clip.ToString());
        Assert.Equal((180, 320), (clip.Width, clip.Height));
        Assert.True(clip.Rotation is null or 0, $"rotation {clip.Rotation}: a player would turn it again");
    }

    [Theory]
    [InlineData("w=200&h=200&fit=crop", 200, 200)]
    [InlineData("w=200&h=300&fit=crop&crop=focalpoint&fp-x=0.2&fp-y=0.5", 200, 300)]
    [InlineData("w=300&h=100&fit=crop&crop=top,left", 300, 100)]
    [InlineData("w=300&h=300&fit=fill&bg=ff0000", 300, 300)]
    [InlineData("w=300&h=300", 300, 168)]
    [InlineData("w=321", 320, 180)]
    [InlineData("h=101", 178, 100)]
    public async Task Box_GivesTheExactEvenSize(string query, int width, int height)
    {
        var sut = await Client.GetReplyAsync($"/video/local/{VideoMedia.Slideshow}/video.mp4?{query}&duration=0.5&audio=false");

        Assert.Equal(HttpStatusCode.OK, sut.Status);
        var clip = await ClipProbe.ReadAsync(sut.Body);
        Assert.Equal((width, height), (clip.Width, clip.Height));
        Assert.True(clip.Width % 2 == 0 && clip.Height % 2 == 0, $"{clip.Width}x{clip.Height}");
    }

    [Fact]
    public async Task HigherQ_GivesMoreBytes()
    {
        var sizes = new List<int>();
        foreach (var q in (int[])[10, 50, 90])
        {
            var reply = await Client.GetReplyAsync($"/video/local/{VideoMedia.Slideshow}/video.mp4?w=320&start=4&duration=2&audio=false&q={q}");
            Assert.Equal(HttpStatusCode.OK, reply.Status);
            sizes.Add(reply.Body.Length);
        }

        _output.WriteLine("q=10, 50, 90: " + string.Join(", ", sizes) + " bytes");
        Assert.True(sizes[0] < sizes[1] && sizes[1] < sizes[2], string.Join(" ", sizes));
    }

    [Fact]
    public async Task TheSameClipAgain_IsServedFromTheCache_WithoutAnotherFfmpegRun()
    {
        var first = await Client.GetReplyAsync($"/video/local/{VideoMedia.Slideshow}/video.webm?w=160&start=8&duration=0.5");
        var runs = Server.Metrics.Total("mediaedge.ffmpeg.runs");
        var sut = await Client.GetReplyAsync($"/video/local/{VideoMedia.Slideshow}/video.webm?w=160&start=8&duration=0.5");

        Assert.Equal(HttpStatusCode.OK, sut.Status);
        Assert.Equal("cache;desc=hit-l1", sut.Header("Server-Timing"));
        Assert.Equal(first.Body, sut.Body);
        Assert.Equal(runs, Server.Metrics.Total("mediaedge.ffmpeg.runs"));
        Assert.Contains("max-age=", sut.Header("Cache-Control"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Head_AnswersTheSameHeadersWithoutABody()
    {
        var get = await Client.GetReplyAsync($"/video/local/{VideoMedia.Slideshow}/video.mp4?w=160&duration=0.5");
        var sut = await Server.HeadAsync($"/video/local/{VideoMedia.Slideshow}/video.mp4?w=160&duration=0.5");

        Assert.Equal(HttpStatusCode.OK, sut.Status);
        Assert.Empty(sut.Body);
        Assert.Equal(get.Body.Length, sut.ContentLength);
        Assert.Equal(get.Header("ETag"), sut.Header("ETag"));
    }

    [Fact]
    public async Task SourceMetadata_IsDropped()
    {
        const string Key = "video/tagged-metadata.mp4";
        await FfmpegCli.RunAsync("-t", "1", "-i", VideoMedia.PathOf(VideoMedia.Slideshow), "-c", "copy", "-metadata", "title=Secret title", "-metadata", "location=+48.8584+002.2945/", "-metadata", "comment=private", "-f", "mp4", VideoMedia.PathOf(Key));

        var sut = await Client.GetReplyAsync($"/video/local/{Key}/video.mp4?w=160");

        Assert.Equal(HttpStatusCode.OK, sut.Status);
        var clip = await ClipProbe.ReadAsync(sut.Body);
        _output.WriteLine("tags left: " + string.Join(", ", clip.Tags.Select(t => $"{t.Key}={t.Value}")));
        Assert.DoesNotContain("title", clip.Tags.Keys);
        Assert.DoesNotContain(clip.Tags.Keys, k => k.Contains("location", StringComparison.Ordinal));
        Assert.DoesNotContain("comment", clip.Tags.Keys);
    }

    [Fact]
    public async Task Range_GetsThoseBytesOfTheClip()
    {
        var whole = await Client.GetReplyAsync($"/video/local/{VideoMedia.Slideshow}/video.mp4?w=160&duration=0.5");
        var sut = await Client.GetReplyAsync($"/video/local/{VideoMedia.Slideshow}/video.mp4?w=160&duration=0.5", null, ("Range", "bytes=100-199"));
        var beyond = await Client.GetReplyAsync($"/video/local/{VideoMedia.Slideshow}/video.mp4?w=160&duration=0.5", null, ("Range", $"bytes={whole.Body.Length}-"));

        Assert.Equal("bytes", whole.Header("Accept-Ranges"));
        Assert.Equal(HttpStatusCode.PartialContent, sut.Status);
        Assert.Equal($"bytes 100-199/{whole.Body.Length}", sut.Header("Content-Range"));
        Assert.Equal(whole.Body.AsSpan(100, 100).ToArray(), sut.Body);
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, beyond.Status);
    }

    [Theory]
    [InlineData("w=0", "w")]
    [InlineData("w=abc", "w")]
    [InlineData("h=9000", "h")]
    [InlineData("fit=max", "fit")]
    [InlineData("fit=bogus", "fit")]
    [InlineData("crop=entropy", "crop")]
    [InlineData("fp-x=2", "fp-x")]
    [InlineData("bg=xyz", "bg")]
    [InlineData("start=-1", "start")]
    [InlineData("start=60", "start")]
    [InlineData("duration=0", "duration")]
    [InlineData("fps=0", "fps")]
    [InlineData("fps=61", "fps")]
    [InlineData("q=0", "q")]
    [InlineData("q=101", "q")]
    [InlineData("audio=maybe", "audio")]
    [InlineData("fm=gif", "fm")]
    public async Task BadParameter_Is400NamingIt(string query, string parameter)
    {
        var sut = await Client.GetReplyAsync($"/video/local/{VideoMedia.Slideshow}/video.mp4?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, sut.Status);
        Assert.Equal(parameter, sut.Problem().GetProperty("parameter").GetString());
    }
}
