using MediaEdge.IntegrationTests.Video;

namespace MediaEdge.IntegrationTests.Tenancy;

/// <summary>
/// Sources:{name}:Limits: each limit a source overrides applies to that source alone. The same URL asked of the
/// overriding source and of <c>local</c> (the same files, the node's limits) is refused or reduced by the first only, and
/// the problem names the source's own key.
/// </summary>
public sealed class SourceLimitTests(TenantServer fixture) : ServerTest(fixture), IClassFixture<TenantServer>
{
    /// <summary>A refusing override: its source, the path asked of it and of local, the status and problem type it gets.</summary>
    public static TheoryData<string, string, int, string, string> Refusals => new()
    {
        { "tight-bytes", "colorful-cups.jpg?w=100", 413, "source-too-large", "MaxSourceBytes" },
        { "tight-pixels", "colorful-cups.jpg?w=100", 413, "source-too-large", "MaxSourcePixels" },
        { "tight-frames", "animated.gif?w=100", 413, "source-too-large", "MaxSourceFrames" },
        { "tight-animation", "animated.gif?w=100", 413, "source-too-large", "MaxAnimationPixels" },
        { "tight-clip-seconds", $"{VideoMedia.Rotated}/video.mp4?h=144&duration=1", 400, "output-too-large", "MaxClipSeconds" },
        { "tight-clip-pixels", $"{VideoMedia.Rotated}/video.mp4?h=144&duration=0.4", 400, "output-too-large", "MaxClipPixels" },
        { "tight-clip-bytes", $"{VideoMedia.Rotated}/video.mp4?h=144&duration=0.4", 413, "source-too-large", "MaxClipSourceBytes" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task ALimitOverriddenByOneSource_RefusesThatSourceOnly_NamingItsOwnKey(string source, string path, int status, string type, string limit)
    {
        var route = path.Contains("/video.mp4", StringComparison.Ordinal) ? "video" : "img";

        var refused = await Client.GetReplyAsync($"/{route}/{source}/{path}");
        var served = await Client.GetReplyAsync($"/{route}/local/{path}");

        Assert.Equal(status, (int)refused.Status);
        var problem = refused.Problem();
        Assert.Equal($"urn:mediaedge:problem:{type}", problem.GetProperty("type").GetString());
        Assert.Contains($"Sources:{source}:Limits:{limit}", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, served.Status);
        Assert.NotEmpty(served.Body);
    }

    [Fact]
    public async Task MaxOutputPixels_OverriddenByOneSource_ScalesThatSourcesOutputOnly()
    {
        var reduced = await Client.GetOkAsync("/img/tight-output/colorful-cups.jpg?w=400&fm=png");
        var full = await Client.GetOkAsync("/img/local/colorful-cups.jpg?w=400&fm=png");

        var (width, height) = Pixels.Size(reduced.Body);
        Assert.True(width * height <= 10000, $"{width}x{height} is past the source's 10000 pixels");
        Assert.InRange(width / (double)height, 1.5, 1.7);
        Assert.Equal((400, 250), Pixels.Size(full.Body));
    }

    [Fact]
    public async Task MaxAnimatedOutputPixels_OverriddenByOneSource_StillsThatSourcesAnimationOnly()
    {
        var still = await Client.GetOkAsync("/img/tight-animated-output/animated.gif?w=200&fm=gif");
        var animated = await Client.GetOkAsync("/img/local/animated.gif?w=200&fm=gif");

        using var stillImage = Pixels.Load(still.Body);
        using var animatedImage = Pixels.Load(animated.Body);
        Assert.Equal(1, stillImage.Frames.Count);
        Assert.Equal(12, animatedImage.Frames.Count);
    }
}
