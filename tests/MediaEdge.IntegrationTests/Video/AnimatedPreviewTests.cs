using SixLabors.ImageSharp;

namespace MediaEdge.IntegrationTests.Video;

/// <summary>/video/local/{key}/animated.{gif,webp}: short moving previews, ≤ 10 s, ≤ 30 fps, ≤ 640 px by default.</summary>
public sealed class AnimatedPreviewTests(VideoServer fixture, ITestOutputHelper output) : ServerTest(fixture), IClassFixture<VideoServer>
{
    private const int MaxDimension = 640;

    [Fact]
    public async Task Gif_TwoSecondsAt10Fps_HasAbout20FramesOfTheAskedWidth()
    {
        var sut = await Client.GetReplyAsync($"/video/local/{VideoMedia.Slideshow}/animated.gif?start=2&end=4&fps=10&w=320");

        Assert.Equal(HttpStatusCode.OK, sut.Status);
        Assert.Equal("image/gif", sut.ContentType);
        Assert.True(Magic.IsGif(sut.Body), $"GIF magic, got {sut}");
        using var gif = Image.Load(sut.Body);
        output.WriteLine($"gif: {gif.Width}x{gif.Height}, {gif.Frames.Count} frames, {sut.Body.Length} bytes");
        Assert.Equal((320, 180), (gif.Width, gif.Height));
        Assert.InRange(gif.Frames.Count, 15, 25);
    }

    [Fact]
    public async Task Gif_NoParameters_IsAMovingPreviewWithinTheDefaultBox()
    {
        var sut = await Client.GetReplyAsync($"/video/local/{VideoMedia.Slideshow}/animated.gif");

        Assert.Equal(HttpStatusCode.OK, sut.Status);
        Assert.True(Magic.IsGif(sut.Body), $"GIF magic, got {sut}");
        using var gif = Image.Load(sut.Body);
        output.WriteLine($"default gif: {gif.Width}x{gif.Height}, {gif.Frames.Count} frames, {sut.Body.Length} bytes");
        Assert.True(gif.Frames.Count > 1, $"{gif.Frames.Count} frame(s)");
        Assert.True(gif.Width <= MaxDimension && gif.Height <= MaxDimension, $"{gif.Width}x{gif.Height}");
        Assert.True(gif.Width > gif.Height, "the landscape video gives a landscape preview");
    }

    [Fact]
    public async Task Webp_IsAnAnimatedWebpOfSeveralFrames()
    {
        var sut = await Client.GetReplyAsync($"/video/local/{VideoMedia.Slideshow}/animated.webp?start=1&end=3&fps=8");

        Assert.Equal(HttpStatusCode.OK, sut.Status);
        Assert.Equal("image/webp", sut.ContentType);
        Assert.True(Magic.IsWebp(sut.Body), $"WebP magic, got {sut}");
        var webp = AnimatedWebp.Read(sut.Body);
        output.WriteLine($"webp: {webp}, {sut.Body.Length} bytes");
        Assert.True(webp.Animated, "VP8X animation flag");
        Assert.InRange(webp.Frames, 12, 20);
        Assert.True(webp.Width <= MaxDimension && webp.Height <= MaxDimension, $"{webp.Width}x{webp.Height}");
        Assert.True(webp.Width > webp.Height, $"{webp.Width}x{webp.Height}: the landscape video gives a landscape preview");
    }

    [Fact]
    public async Task Webp_OfThePortraitVideo_StaysInTheBoxAndUpright()
    {
        var sut = await Client.GetReplyAsync($"/video/local/{VideoMedia.Rotated}/animated.webp?start=0&end=2&fps=5&h={MaxDimension}");

        Assert.Equal(HttpStatusCode.OK, sut.Status);
        var webp = AnimatedWebp.Read(sut.Body);
        output.WriteLine($"rotated webp: {webp}");
        Assert.True(webp.Frames > 1, $"{webp.Frames} frame(s)");
        Assert.Equal(MaxDimension, webp.Height);
        Assert.True(webp.Width < webp.Height, $"{webp.Width}x{webp.Height} is not portrait");
    }

    [Fact]
    public async Task TenSecondsExactly_IsAllowed()
    {
        var sut = await Client.GetReplyAsync($"/video/local/{VideoMedia.Slideshow}/animated.gif?start=0&end=10&fps=2&w=64");

        Assert.Equal(HttpStatusCode.OK, sut.Status);
        using var gif = Image.Load(sut.Body);
        Assert.InRange(gif.Frames.Count, 18, 22);
    }

    [Theory]
    [InlineData("start=0&end=10.5", "end")]
    [InlineData("start=2&end=13", "end")]
    [InlineData("fps=31", "fps")]
    [InlineData("fps=0", "fps")]
    [InlineData("w=641", "w")]
    [InlineData("h=641", "h")]
    [InlineData("start=-1", "start")]
    [InlineData("start=5&end=4", "end")]
    public async Task OutOfRange_Is400NamingTheParameter(string query, string parameter)
    {
        var sut = await Client.GetReplyAsync($"/video/local/{VideoMedia.Slideshow}/animated.gif?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, sut.Status);
        Assert.Equal(parameter, sut.Problem().GetProperty("parameter").GetString());
    }
}
