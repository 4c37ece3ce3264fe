namespace MediaEdge.IntegrationTests.Caching;

/// <summary>Every route's outputs count their max-age down from the source's last validation, by one rule.</summary>
public sealed class OneFreshnessRuleTests
{
    [Fact]
    public async Task ImageAndVideoOutputs_OfSourcesValidatedTogether_CountTheirMaxAgeDownAlike()
    {
        await using var counted = await CountedNode.StartAsync("one-rule");
        File.Copy(Path.Combine(MediaFolder.Shared.Root, "video", "slideshow-1080p.mp4"), Path.Combine(counted.Folder, "clip.mp4"));
        const string image = "/img/counted/" + CountedNode.Key + "?w=120&fm=webp";
        const string cues = "/video/counted/clip.mp4/storyboard.vtt";

        var firstImage = await counted.Node.GetAsync(image);
        var firstCues = await counted.Node.GetAsync(cues);
        counted.Clock.Advance(TimeSpan.FromSeconds(25));
        var laterImage = await counted.Node.GetAsync(image);
        var laterCues = await counted.Node.GetAsync(cues);

        Assert.All([firstImage, firstCues, laterImage, laterCues], r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.StartsWith("public, max-age=60,", firstImage.Header("Cache-Control"), StringComparison.Ordinal);
        Assert.StartsWith("public, max-age=60,", firstCues.Header("Cache-Control"), StringComparison.Ordinal);
        Assert.StartsWith("public, max-age=35,", laterImage.Header("Cache-Control"), StringComparison.Ordinal);
        Assert.StartsWith("public, max-age=35,", laterCues.Header("Cache-Control"), StringComparison.Ordinal);
    }
}
