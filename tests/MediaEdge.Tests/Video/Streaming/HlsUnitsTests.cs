using MediaEdge.Security;
using MediaEdge.Video;
using MediaEdge.Video.Streaming;

namespace MediaEdge.Tests.Video.Streaming;

public sealed class HlsUnitsTests
{
    [Theory]
    [InlineData(640, 360, 25, 30, "avc1.64001e")]
    [InlineData(1280, 720, 25, 31, "avc1.64001f")]
    [InlineData(1280, 720, 60, 32, "avc1.640020")]
    [InlineData(1920, 1080, 30, 40, "avc1.640028")]
    [InlineData(1920, 1080, 60, 42, "avc1.64002a")]
    [InlineData(3840, 2160, 30, 51, "avc1.640033")]
    public void H264Level_IsTheLowestThatHoldsTheFrameAndItsRate(int width, int height, double fps, int level, string codec)
    {
        Assert.Equal(level, H264Level.For(width, height, fps));
        Assert.Equal(codec, H264Level.Codec(level));
    }

    [Theory]
    [InlineData(21.76, 4, 6, 1.76)]
    [InlineData(8.0, 4, 2, 4.0)]
    [InlineData(8.01, 4, 2, 4.01)]
    [InlineData(8.03, 4, 3, 0.03)]
    [InlineData(0.5, 4, 1, 0.5)]
    public void Timeline_CoversTheVideo_ATailShorterThanHalfAFrameJoiningTheSegmentBefore(double duration, int length, int count, double last)
    {
        var sut = new HlsTimeline(duration, length, 0.04);

        Assert.Equal(count, sut.Count);
        Assert.Equal(last, sut.Duration(count - 1), 6);
        Assert.Equal(duration, Enumerable.Range(0, count).Sum(sut.Duration), 6);
    }

    [Theory]
    [InlineData("a/b.mp4/hls/master.m3u8", "a/b.mp4", null, null)]
    [InlineData("a/b.mp4/hls/720p/index.m3u8", "a/b.mp4", 720, null)]
    [InlineData("a/b.mp4/hls/720p/12.ts", "a/b.mp4", 720, 12)]
    [InlineData("hls/x.mp4/hls/360p/0.ts", "hls/x.mp4", 360, 0)]
    public void Path_SplitsTheKeyFromTheStreamPart(string path, string key, int? height, int? segment)
    {
        Assert.True(HlsPath.TryParse(path, out var sut));
        Assert.Equal(new HlsPath(key, height, segment), sut);
    }

    [Theory]
    [InlineData("a/b.mp4/video.mp4")]
    [InlineData("a/b.mp4/hls/720/index.m3u8")]
    [InlineData("a/b.mp4/hls/720p/x.ts")]
    [InlineData("a/b.mp4/hls/720p/-1.ts")]
    [InlineData("hls/master.m3u8")]
    public void Path_OtherThanAStreamPart_IsNotHls(string path) => Assert.False(HlsPath.TryParse(path, out _));

    [Theory]
    [InlineData("?q=60&s=abc", "?q=60")]
    [InlineData("?s=abc", "")]
    [InlineData("?q=60", "?q=60")]
    [InlineData("?s=abc&q=60", "?s=abc&q=60")]
    [InlineData("?q=1&s=abc&x=2", "?q=1&s=abc&x=2")]
    public void WithoutSignature_DropsOnlyATrailingS(string query, string expected) =>
        Assert.Equal(expected, UrlSignature.WithoutSignature(query));

    [Fact]
    public void Links_AreRelativeToTheDocument_AndSignedOverTheAbsolutePath()
    {
        var sut = new HlsLinks("/video/local/a.mp4/hls/", "?q=60", url => UrlSignature.Sign(url, "k"));

        var link = sut.To("720p/3.ts", "720p/");

        Assert.Equal(UrlSignature.Sign("/video/local/a.mp4/hls/720p/3.ts?q=60", "k"), "/video/local/a.mp4/hls/720p/" + link);
        Assert.StartsWith("3.ts?q=60&s=", link, StringComparison.Ordinal);
    }

    [Fact]
    public void Renditions_AreTheLadderRungsTheSourceReaches_OrItsOwnHeight()
    {
        var landscape = new VideoProbe(10, 1280, 720, 0, "h264", null, 30, "mov");
        var small = new VideoProbe(10, 320, 241, 0, "h264", null, 30, "mov");

        Assert.Equal([360, 720], HlsRendition.For(landscape, [360, 720, 1080], long.MaxValue).Select(r => r.Height));
        Assert.Equal([360], HlsRendition.For(landscape, [360, 720, 1080], 1280 * 719).Select(r => r.Height));
        Assert.Equal(["318x240"], HlsRendition.For(small, [360, 720], long.MaxValue).Select(r => r.Resolution));
    }

    [Theory]
    [InlineData(0, new int[0], "SegmentSeconds")]
    [InlineData(11, new int[0], "SegmentSeconds")]
    [InlineData(4, new[] { 721 }, "Heights")]
    [InlineData(4, new[] { 0 }, "Heights")]
    public void Validator_NamesTheBadKey(int seconds, int[] heights, string key)
    {
        var result = new HlsOptionsValidator().Validate(null, new HlsOptions { SegmentSeconds = seconds, Heights = heights });

        Assert.True(result.Failed);
        Assert.Contains($"MediaEdge:Video:Hls:{key}", result.FailureMessage, StringComparison.Ordinal);
    }
}
