using MediaEdge.IntegrationTests.Video.Transcode;

namespace MediaEdge.IntegrationTests.Video.Streaming;

/// <summary>
/// /video/local/{key}/hls/…: playlists read as a player reads them, segments read back with ffprobe: renditions no
/// taller than the source, segments that cover every frame once, join without a gap, and each start on a keyframe.
/// </summary>
public sealed class HlsTests(VideoServer fixture, ITestOutputHelper output) : ServerTest(fixture), IClassFixture<VideoServer>
{
    private const string Stream = $"/video/local/{VideoMedia.Slideshow}/hls/";

    [Fact]
    public async Task Master_ListsEveryLadderRenditionNoTallerThanTheSource_WithTheFirstSegmentsMeasuredBitRate()
    {
        var sut = await Client.GetReplyAsync(Stream + "master.m3u8");

        Assert.Equal(HttpStatusCode.OK, sut.Status);
        Assert.Equal("application/vnd.apple.mpegurl", sut.ContentType);
        var variants = HlsPlaylist.Parse(sut.Body).Variants;
        Assert.Equal(["360p/index.m3u8", "720p/index.m3u8", "1080p/index.m3u8"], variants.Select(v => v.Uri));
        Assert.Equal(["640x360", "1280x720", "1920x1080"], variants.Select(v => v.Attributes["RESOLUTION"]));
        Assert.All(variants, v => Assert.Matches("^avc1\\.6400[0-9a-f]{2},mp4a\\.40\\.2$", v.Attributes["CODECS"]));
        foreach (var (attributes, uri) in variants)
        {
            // The master made each rendition's first segment to measure it: the player's first fetch is a hit.
            var first = await Client.GetReplyAsync(Stream + uri.Replace("index.m3u8", "0.ts", StringComparison.Ordinal));
            Assert.Equal("cache;desc=hit-l1", first.Header("Server-Timing"));
            var measured = (long)Math.Ceiling(first.Body.Length * 8 / 4.0);
            output.WriteLine($"{attributes["RESOLUTION"]}: first segment {first.Body.Length} bytes, AVERAGE-BANDWIDTH {attributes["AVERAGE-BANDWIDTH"]}, BANDWIDTH {attributes["BANDWIDTH"]}");
            Assert.Equal(measured, long.Parse(attributes["AVERAGE-BANDWIDTH"], CultureInfo.InvariantCulture));
            Assert.True(long.Parse(attributes["BANDWIDTH"], CultureInfo.InvariantCulture) >= measured);
        }
    }

    [Fact]
    public async Task MediaPlaylist_ListsFourSecondSegmentsCoveringTheWholeVideo()
    {
        var sut = HlsPlaylist.Parse((await Client.GetReplyAsync(Stream + "720p/index.m3u8")).Body);

        Assert.Equal(("4", "VOD", "0"), (sut.Tag("#EXT-X-TARGETDURATION"), sut.Tag("#EXT-X-PLAYLIST-TYPE"), sut.Tag("#EXT-X-MEDIA-SEQUENCE")));
        Assert.Equal("#EXT-X-ENDLIST", sut.Lines[^1]);
        Assert.Equal(["0.ts", "1.ts", "2.ts", "3.ts", "4.ts", "5.ts"], sut.Segments.Select(s => s.Uri));
        Assert.Equal([4, 4, 4, 4, 4, 1.76], sut.Segments.Select(s => s.Seconds));
    }

    [Fact]
    public async Task Segments_CoverEveryFrameOnce_JoinWithoutGaps_AndEachStartsOnAKeyframe()
    {
        var peak = long.Parse(HlsPlaylist.Parse((await Client.GetReplyAsync(Stream + "master.m3u8")).Body).Variants[0].Attributes["BANDWIDTH"], CultureInfo.InvariantCulture);
        var frames = new List<double>();
        for (var n = 0; n < 6; n++)
        {
            var segment = await Client.GetReplyAsync($"{Stream}360p/{n}.ts");
            Assert.Equal(HttpStatusCode.OK, segment.Status);
            Assert.Equal("video/mp2t", segment.ContentType);
            var clip = await ClipProbe.ReadAsync(segment.Body);
            Assert.Equal(("h264", 640, 360, "aac"), (clip.VideoCodec, clip.Width, clip.Height, clip.AudioCodec));
            var packets = await TsPackets.ReadAsync(segment.Body);
            Assert.True(packets.StartsOnKeyframe, $"segment {n} starts on a non-key frame");
            if (frames.Count > 0)
            {
                Assert.Equal(frames[^1] + 0.04, packets.Video[0], 3);
            }

            frames.AddRange(packets.Video);
            var seconds = n < 5 ? 4 : 1.76;
            output.WriteLine($"segment {n}: {segment.Body.Length} bytes, {segment.Body.Length * 8 / seconds / 1000:0} kbit/s (peak declared {peak / 1000} kbit/s), video {packets.Video[0]:0.000}–{packets.Video[^1]:0.000} s");
            Assert.True(n == 5 || segment.Body.Length * 8 / seconds <= peak, $"segment {n} carries {segment.Body.Length * 8 / seconds:0} bit/s, past the declared peak {peak}");
        }

        Assert.Equal((int)Math.Round(VideoMedia.SlideshowSeconds * 25), frames.Count);
        Assert.Equal(frames.Count, frames.Distinct().Count());
    }

    [Fact]
    public async Task AnySegment_PlaysOnItsOwn_FromThePictureAtItsStart()
    {
        var runs = Server.Metrics.Total("mediaedge.ffmpeg.runs");
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var sut = await Client.GetReplyAsync(Stream + "720p/3.ts");
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        output.WriteLine($"720p segment 3 (4 s) cold: {sut.Body.Length} bytes in {elapsed.TotalSeconds:0.00} s, {4 / elapsed.TotalSeconds:0.00}x real time, load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");

        Assert.Equal(HttpStatusCode.OK, sut.Status);
        var packets = await TsPackets.ReadAsync(sut.Body);
        Assert.True(packets.StartsOnKeyframe);
        var file = Path.Combine(Path.GetTempPath(), $"mediaedge-hls-test-{Guid.NewGuid():N}.ts");
        await File.WriteAllBytesAsync(file, sut.Body);
        try
        {
            using var first = await FfmpegCli.FrameAtAsync(file, 0);
            using var expected = await FfmpegCli.FrameAtAsync(VideoMedia.PathOf(VideoMedia.Slideshow), 12.0);
            using var other = await FfmpegCli.FrameAtAsync(VideoMedia.PathOf(VideoMedia.Slideshow), 10.0);
            Assert.True(FrameDistance.Between(expected, other) > FrameDistance.OtherFrame, "the reference frames at 10 s and 12 s look alike");
            Assert.InRange(FrameDistance.Between(first, expected), 0, FrameDistance.SameFrame);
        }
        finally
        {
            File.Delete(file);
        }

        Assert.True(Server.Metrics.Total("mediaedge.ffmpeg.runs") > runs);
        var again = await Client.GetReplyAsync(Stream + "720p/3.ts", null, ("Range", "bytes=0-187"));
        Assert.Equal(HttpStatusCode.PartialContent, again.Status);
        Assert.Equal(0x47, again.Body[0]);
        Assert.Equal(sut.Body[..188], again.Body);
        Assert.Equal("cache;desc=hit-l1", again.Header("Server-Timing"));
    }

    [Theory]
    [InlineData("480p/index.m3u8", 404, "no-such-rendition")]
    [InlineData("720p/6.ts", 404, "no-such-segment")]
    [InlineData("master.m3u8?q=0", 400, "bad-parameter")]
    [InlineData("360p/index.m3u8?audio=maybe", 400, "bad-parameter")]
    public async Task AStreamItDoesNotHave_IsAProblem(string path, int status, string type)
    {
        var sut = await Client.GetReplyAsync(Stream + path);

        Assert.Equal((HttpStatusCode)status, sut.Status);
        Assert.Equal("application/problem+json", sut.ContentType);
        Assert.EndsWith(type, sut.Problem().GetProperty("type").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PortraitByRotation_IsStreamedUpright()
    {
        var master = HlsPlaylist.Parse((await Client.GetReplyAsync($"/video/local/{VideoMedia.Rotated}/hls/master.m3u8")).Body);

        Assert.Equal(["202x360", "404x720", "608x1080"], master.Variants.Select(v => v.Attributes["RESOLUTION"]));
        var clip = await ClipProbe.ReadAsync((await Client.GetReplyAsync($"/video/local/{VideoMedia.Rotated}/hls/360p/0.ts")).Body);
        Assert.Equal((202, 360, null), (clip.Width, clip.Height, clip.Rotation));
    }

    [Theory]
    [InlineData(VideoMedia.Hevc, false)]
    [InlineData(VideoMedia.Webm, true)]
    [InlineData(VideoMedia.MoovAtEnd, true)]
    public async Task OtherSources_StreamAsH264_FromASeekedSegment(string key, bool audio)
    {
        await VideoMedia.EnsureGeneratedAsync();
        var playlist = HlsPlaylist.Parse((await Client.GetReplyAsync($"/video/local/{key}/hls/360p/index.m3u8")).Body);
        var sut = await Client.GetReplyAsync($"/video/local/{key}/hls/360p/1.ts?audio={audio}");

        Assert.True(playlist.Segments.Count >= 3);
        Assert.Equal(HttpStatusCode.OK, sut.Status);
        var clip = await ClipProbe.ReadAsync(sut.Body);
        Assert.Equal(("h264", 640, 360, audio ? "aac" : null), (clip.VideoCodec, clip.Width, clip.Height, clip.AudioCodec));
        var packets = await TsPackets.ReadAsync(sut.Body);
        Assert.True(packets.StartsOnKeyframe);
        Assert.InRange(packets.Video[^1] - packets.Video[0], 3.8, 4.0);
    }
}
