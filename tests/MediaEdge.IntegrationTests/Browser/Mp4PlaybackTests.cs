using MediaEdge.IntegrationTests.Video;

namespace MediaEdge.IntegrationTests.Browser;

/// <summary>Transcoded clips played by Debian's Chromium in a &lt;video&gt; element, as a page would show them.</summary>
[Collection(SystemChromium.Collection)]
public sealed class Mp4PlaybackTests(VideoServer fixture, SystemChromium chromium, ITestOutputHelper output) : PlaybackTest(fixture, chromium, output)
{
    [Fact]
    public async Task DebianChromium_DecodesH264AndAac()
    {
        await using var sut = await OpenPageAsync();

        var support = await sut.Page.EvaluateAsync<string[]>("""
            () => [
              String(MediaSource.isTypeSupported('video/mp4; codecs="avc1.640028,mp4a.40.2"')),
              String(MediaSource.isTypeSupported('video/mp4; codecs="avc1.42E01E,mp4a.40.2"')),
              video.canPlayType('video/mp4; codecs="avc1.640028, mp4a.40.2"'),
            ]
            """);

        Assert.Equal(["true", "true", "probably"], support);
        sut.AssertClean();
    }

    [Fact]
    public async Task Mp4_640Wide_PlaysInChromium_AtItsSizeAndLength()
    {
        await using var sut = await OpenPageAsync();

        await sut.PlayFileAsync($"/video/local/{VideoMedia.Slideshow}/video.mp4?w=640");
        var loaded = await sut.WaitUntilAsync("loaded", "() => video.readyState >= 2", null, TimeSpan.FromSeconds(90));
        var played = await sut.WaitUntilAsync("played past 1.5 s", "() => video.currentTime > 1.5", null, TimeSpan.FromSeconds(20));

        Output.WriteLine($"loaded: {loaded}");
        Output.WriteLine($"played: {played}");
        Assert.Equal((640, 360), (loaded.VideoWidth, loaded.VideoHeight));
        Assert.InRange(loaded.Duration, VideoMedia.SlideshowSeconds - 0.3, VideoMedia.SlideshowSeconds + 0.3);
        Assert.False(played.Paused);
        Assert.True(played.TotalVideoFrames > 0, $"{played.TotalVideoFrames} frames decoded");
        Assert.True(played.AudioDecodedBytes > 0, $"{played.AudioDecodedBytes} bytes of audio decoded");
        sut.AssertClean();
    }
}
