namespace MediaEdge.IntegrationTests.Video;

/// <summary>
/// Byte ranges on every video output, once it is cached: one range is 206 with Content-Range, several are
/// multipart/byteranges, none satisfiable is 416, If-Range holds for our strong ETag only, and HEAD runs no ffmpeg.
/// </summary>
public sealed class VideoRangeTests(VideoServer fixture) : ServerTest(fixture), IClassFixture<VideoServer>
{
    public static TheoryData<string> Outputs => new()
    {
        "video.mp4?w=160&duration=0.5",
        "animated.gif?start=2&end=3&fps=5&w=160",
        "storyboard.jpg?interval=4&w=120",
        "thumbnail.jpg?time=1&w=160",
    };

    [Theory]
    [MemberData(nameof(Outputs))]
    public async Task SingleRanges_AreThoseBytesOfTheWhole_WithContentRange(string output)
    {
        var whole = await WholeAsync(output);
        var length = whole.Body.Length;

        foreach (var (range, start, end) in new[] { ("bytes=100-199", 100, 199), ("bytes=-100", length - 100, length - 1), ("bytes=100-", 100, length - 1) })
        {
            var sut = await Client.GetReplyAsync(Url(output), null, ("Range", range));

            Assert.Equal(HttpStatusCode.PartialContent, sut.Status);
            Assert.Equal($"bytes {start}-{end}/{length}", sut.Header("Content-Range"));
            Assert.Equal(whole.ContentType, sut.ContentType);
            Assert.Equal(end - start + 1, sut.ContentLength);
            Assert.Equal(whole.Body[start..(end + 1)], sut.Body);
            Assert.Equal("bytes", sut.Header("Accept-Ranges"));
        }
    }

    [Theory]
    [MemberData(nameof(Outputs))]
    public async Task MultipleRanges_AreMultipartByteranges_WhosePartsAreThoseBytes(string output)
    {
        var whole = await WholeAsync(output);
        var length = whole.Body.Length;

        var sut = await Client.GetReplyAsync(Url(output), null, ("Range", "bytes=500-519, 0-9, -5"));

        Assert.Equal(HttpStatusCode.PartialContent, sut.Status);
        Assert.Equal("multipart/byteranges", sut.ContentType);
        Assert.Null(sut.Header("Content-Range"));
        Assert.Equal(sut.Body.Length, sut.ContentLength);
        var parts = await ByteRangeParts.ReadAsync(sut);
        Assert.Equal(new[] { $"bytes 0-9/{length}", $"bytes 500-519/{length}", $"bytes {length - 5}-{length - 1}/{length}" }, parts.Select(p => p.ContentRange));
        Assert.All(parts, p => Assert.Equal(whole.ContentType, p.ContentType));
        Assert.All(parts, p =>
        {
            var (start, end) = ByteRangeParts.Span(p.ContentRange!);
            Assert.Equal(whole.Body[start..(end + 1)], p.Bytes);
        });
    }

    [Theory]
    [MemberData(nameof(Outputs))]
    public async Task RangePastTheEnd_Is416_WithTheLength(string output)
    {
        var whole = await WholeAsync(output);

        var sut = await Client.GetReplyAsync(Url(output), null, ("Range", $"bytes={whole.Body.Length}-"));

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, sut.Status);
        Assert.Equal($"bytes */{whole.Body.Length}", sut.Header("Content-Range"));
        Assert.Empty(sut.Body);
    }

    [Theory]
    [MemberData(nameof(Outputs))]
    public async Task IfRange_OurETag_Is206_AnyOtherValidator_IsTheWhole(string output)
    {
        var whole = await WholeAsync(output);
        var etag = whole.Header("ETag")!;

        var matching = await Client.GetReplyAsync(Url(output), null, ("Range", "bytes=0-99"), ("If-Range", etag));
        var stale = await Client.GetReplyAsync(Url(output), null, ("Range", "bytes=0-99"), ("If-Range", "\"an-older-variant\""));
        var weak = await Client.GetReplyAsync(Url(output), null, ("Range", "bytes=0-99"), ("If-Range", "W/" + etag));
        var date = await Client.GetReplyAsync(Url(output), null, ("Range", "bytes=0-99"), ("If-Range", DateTimeOffset.UtcNow.ToString("R", CultureInfo.InvariantCulture)));

        Assert.Equal(HttpStatusCode.PartialContent, matching.Status);
        Assert.Equal(whole.Body[..100], matching.Body);
        Assert.All(new[] { stale, weak, date }, sut =>
        {
            Assert.Equal(HttpStatusCode.OK, sut.Status);
            Assert.Null(sut.Header("Content-Range"));
            Assert.Equal(whole.Body, sut.Body);
        });
    }

    [Theory]
    [MemberData(nameof(Outputs))]
    public async Task Head_OfACachedVariant_HasTheHeadersAndNoBody_WithoutAnFfmpegRun(string output)
    {
        var whole = await WholeAsync(output);
        var runs = Server.Metrics.Total("mediaedge.ffmpeg.runs");

        var sut = await Server.HeadAsync(Url(output));
        var ranged = await Server.HeadAsync(Url(output), ("Range", "bytes=0-99"));

        Assert.Equal(runs, Server.Metrics.Total("mediaedge.ffmpeg.runs"));
        Assert.Equal(HttpStatusCode.OK, sut.Status);
        Assert.Empty(sut.Body);
        Assert.Equal(whole.Body.Length, sut.ContentLength);
        Assert.Equal(whole.ContentType, sut.ContentType);
        Assert.Equal(whole.Header("ETag"), sut.Header("ETag"));
        Assert.Equal("bytes", sut.Header("Accept-Ranges"));

        // RFC 9110 §14.2: Range is for GET; a HEAD that carries one describes the whole.
        Assert.Equal(HttpStatusCode.OK, ranged.Status);
        Assert.Equal(whole.Body.Length, ranged.ContentLength);
    }

    private static string Url(string output) => $"/video/local/{VideoMedia.Slideshow}/{output}";

    /// <summary>The whole variant; once fetched it is cached, so what follows is asked of a cached one.</summary>
    private async Task<Reply> WholeAsync(string output)
    {
        var whole = await Client.GetReplyAsync(Url(output));
        Assert.Equal(HttpStatusCode.OK, whole.Status);
        Assert.Equal("bytes", whole.Header("Accept-Ranges"));
        Assert.True(whole.Body.Length > 1000, $"{output}: {whole}");
        return whole;
    }
}
