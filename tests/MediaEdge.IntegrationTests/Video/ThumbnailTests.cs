namespace MediaEdge.IntegrationTests.Video;

/// <summary>
/// /video/local/{key}/thumbnail.{ext}: the frame at <c>time</c>, checked against the frame ffmpeg itself extracts,
/// then through the image pipeline like any image.
/// </summary>
/// <remarks>
/// The slideshow shows one photo in 7-second segments (0, 7, 14, 21 s), each a slow pan and zoom from the same
/// start, so t=1, 8 and 15 are the same picture (64 px distance 0.6) and cannot tell each other apart. What can:
/// half a second away is 7.6 or more, five seconds away over 20.
/// </remarks>
public sealed class ThumbnailTests(VideoServer fixture, ITestOutputHelper output) : ServerTest(fixture), IClassFixture<VideoServer>
{
    private const double SameFrame = FrameDistance.SameFrame;
    private const double OtherFrame = FrameDistance.OtherFrame;

    [Fact]
    public async Task Time15_IsTheFrameFfmpegExtractsAt15_NotHalfASecondEitherSide()
    {
        var path = VideoMedia.PathOf(VideoMedia.Slideshow);
        using var at15 = await FfmpegCli.FrameAtAsync(path, 15);
        using var before = await FfmpegCli.FrameAtAsync(path, 14.5);
        using var after = await FfmpegCli.FrameAtAsync(path, 15.5);

        var sut = await Client.GetReplyAsync($"/video/local/{VideoMedia.Slideshow}/thumbnail.jpg?time=15");

        Assert.Equal(HttpStatusCode.OK, sut.Status);
        Assert.Equal("image/jpeg", sut.ContentType);
        Assert.True(Magic.IsJpeg(sut.Body), "JPEG magic");
        Assert.Equal((1920, 1080), Pixels.Size(sut.Body));
        var (same, early, late) = (FrameDistance.Between(sut.Body, at15), FrameDistance.Between(sut.Body, before), FrameDistance.Between(sut.Body, after));
        output.WriteLine($"64 px distance to ffmpeg's frame at 15 s: {same:0.00}; at 14.5 s: {early:0.00}; at 15.5 s: {late:0.00}");
        Assert.True(same <= SameFrame, $"distance to ffmpeg's frame at 15 s is {same:0.00}, over {SameFrame}");
        Assert.True(early >= OtherFrame && late >= OtherFrame, $"the frames half a second away are only {early:0.00} and {late:0.00} away: the comparison cannot tell frames apart");
    }

    [Fact]
    public async Task TimeChangesTheFrame_5And15AreDifferentPictures()
    {
        var at5 = await Client.GetReplyAsync($"/video/local/{VideoMedia.Slideshow}/thumbnail.jpg?time=5&w=640");
        var at15 = await Client.GetReplyAsync($"/video/local/{VideoMedia.Slideshow}/thumbnail.jpg?time=15&w=640");

        Assert.Equal(HttpStatusCode.OK, at5.Status);
        Assert.Equal(HttpStatusCode.OK, at15.Status);
        Assert.NotEqual(at5.Header("ETag"), at15.Header("ETag"));
        using var five = Pixels.Load(at5.Body);
        var distance = FrameDistance.Between(at15.Body, five);
        output.WriteLine($"64 px distance between the thumbnails at 5 s and 15 s: {distance:0.00}");
        Assert.True(distance > 20, $"the thumbnails at 5 s and 15 s are only {distance:0.00} apart");
    }

    [Fact]
    public async Task Rotated90_GivesAPortraitThumbnail()
    {
        var sut = await Client.GetReplyAsync($"/video/local/{VideoMedia.Rotated}/thumbnail.jpg?time=3");

        Assert.Equal(HttpStatusCode.OK, sut.Status);
        Assert.True(Magic.IsJpeg(sut.Body), "JPEG magic");
        var (width, height) = Pixels.Size(sut.Body);
        Assert.True(height > width, $"{width}x{height} is not portrait");
        Assert.Equal((1080, 1920), (width, height));
        using var upright = await FfmpegCli.FrameAtAsync(VideoMedia.PathOf(VideoMedia.Rotated), 3);
        Assert.Equal((1080, 1920), (upright.Width, upright.Height));
        var distance = FrameDistance.Between(sut.Body, upright);
        output.WriteLine($"64 px distance to ffmpeg's autorotated frame at 3 s: {distance:0.00}");
        Assert.True(distance <= SameFrame, $"distance to ffmpeg's autorotated frame is {distance:0.00}");
    }

    [Theory]
    [InlineData(VideoMedia.Hevc, 1280, 720)]
    [InlineData(VideoMedia.Webm, 1280, 720)]
    public async Task OtherCodecs_GiveAFrame(string key, int width, int height)
    {
        var sut = await Client.GetReplyAsync($"/video/local/{key}/thumbnail.jpg?time=3");

        Assert.Equal(HttpStatusCode.OK, sut.Status);
        Assert.Equal("image/jpeg", sut.ContentType);
        Assert.True(Magic.IsJpeg(sut.Body), "JPEG magic");
        Assert.Equal((width, height), Pixels.Size(sut.Body));
        Assert.InRange(sut.Body.Length, 10_000, 2_000_000);
        using var reference = await FfmpegCli.FrameAtAsync(VideoMedia.PathOf(key), 3);
        var distance = FrameDistance.Between(sut.Body, reference);
        output.WriteLine($"{key}: {sut.Body.Length} bytes, 64 px distance to ffmpeg's frame at 3 s: {distance:0.00}");
        Assert.True(distance <= SameFrame, $"distance to ffmpeg's frame at 3 s is {distance:0.00}");
    }

    [Fact]
    public async Task TimePastTheEnd_GivesTheLastFrame()
    {
        var path = VideoMedia.PathOf(VideoMedia.Slideshow);
        using var last = await FfmpegCli.LastFrameAsync(path);
        using var earlier = await FfmpegCli.FrameAtAsync(path, 20);

        var sut = await Client.GetReplyAsync($"/video/local/{VideoMedia.Slideshow}/thumbnail.jpg?time=600");

        Assert.Equal(HttpStatusCode.OK, sut.Status);
        Assert.True(Magic.IsJpeg(sut.Body), "JPEG magic");
        var (same, other) = (FrameDistance.Between(sut.Body, last), FrameDistance.Between(sut.Body, earlier));
        output.WriteLine($"64 px distance to ffmpeg's last frame: {same:0.00}; to its frame at 20 s: {other:0.00}");
        Assert.True(same <= SameFrame, $"distance to the last frame is {same:0.00}");
        Assert.True(other >= OtherFrame, $"the frame at 20 s is only {other:0.00} from the last: the comparison cannot tell them apart");
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("-0.5")]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("1e3")]
    [InlineData("1,5")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    public async Task NegativeOrMalformedTime_Is400NamingTime(string time)
    {
        var sut = await Client.GetReplyAsync($"/video/local/{VideoMedia.Slideshow}/thumbnail.jpg?time={Uri.EscapeDataString(time)}");

        Assert.Equal(HttpStatusCode.BadRequest, sut.Status);
        var problem = sut.Problem();
        Assert.Equal("time", problem.GetProperty("parameter").GetString());
        Assert.Contains("time", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImageParametersApply_W320GivesA320WideThumbnail()
    {
        var sut = await Client.GetReplyAsync($"/video/local/{VideoMedia.Slideshow}/thumbnail.jpg?time=15&w=320");

        Assert.Equal(HttpStatusCode.OK, sut.Status);
        Assert.Equal((320, 180), Pixels.Size(sut.Body));
        using var at15 = await FfmpegCli.FrameAtAsync(VideoMedia.PathOf(VideoMedia.Slideshow), 15);
        Assert.True(FrameDistance.Between(sut.Body, at15) <= SameFrame, "the 320 px thumbnail is still the frame at 15 s");
    }

    [Theory]
    [InlineData("jpg", "image/jpeg")]
    [InlineData("png", "image/png")]
    [InlineData("webp", "image/webp")]
    public async Task TheExtensionIsTheFormat(string extension, string contentType)
    {
        var sut = await Client.GetReplyAsync($"/video/local/{VideoMedia.Slideshow}/thumbnail.{extension}?time=2&w=200", HttpClientReplies.BrowserAccept);

        Assert.Equal(HttpStatusCode.OK, sut.Status);
        Assert.Equal(contentType, sut.ContentType);
        var magic = extension switch
        {
            "jpg" => Magic.IsJpeg(sut.Body),
            "png" => Magic.IsPng(sut.Body),
            _ => Magic.IsWebp(sut.Body),
        };
        Assert.True(magic, $"{extension} magic bytes, got {sut}");
        Assert.Equal((200, 113), Pixels.Size(sut.Body));
        Assert.Equal("nosniff", sut.Header("X-Content-Type-Options"));
    }

    [Fact]
    public async Task Head_AnswersTheSameHeadersWithoutABody()
    {
        var get = await Client.GetReplyAsync($"/video/local/{VideoMedia.Slideshow}/thumbnail.webp?time=4&w=160");
        var sut = await Client.SendReplyAsync(HttpMethod.Head, $"/video/local/{VideoMedia.Slideshow}/thumbnail.webp?time=4&w=160");

        Assert.Equal(HttpStatusCode.OK, sut.Status);
        Assert.Empty(sut.Body);
        Assert.Equal("image/webp", sut.ContentType);
        Assert.Equal(get.Header("ETag"), sut.Header("ETag"));
        Assert.Equal(get.Body.Length, sut.ContentLength);
    }

    [Fact]
    public async Task NoTime_GivesARepresentativeFrame_NotBlackNorFlat()
    {
        var sut = await Client.GetReplyAsync($"/video/local/{VideoMedia.Slideshow}/thumbnail.jpg?w=480");

        Assert.Equal(HttpStatusCode.OK, sut.Status);
        using var image = Pixels.Load(sut.Body);
        Assert.Equal((480, 270), (image.Width, image.Height));
        var (r, g, b) = Pixels.Mean(image);
        Assert.True(r + g + b > 3 * 40, $"mean RGB ({r:0}, {g:0}, {b:0}) is near black");
        Assert.True(Pixels.Detail(image) > 4, $"detail {Pixels.Detail(image):0.0}: a flat frame");
    }
}
