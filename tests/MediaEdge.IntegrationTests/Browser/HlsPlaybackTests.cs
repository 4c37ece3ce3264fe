using MediaEdge.IntegrationTests.Video;

namespace MediaEdge.IntegrationTests.Browser;

/// <summary>
/// HLS of the 1080p slideshow played by hls.js in Debian's Chromium: the master playlist, its 360p rendition (the
/// player caps the level to its 640x360 element) and 4-second MPEG-TS segments, each transcoded on demand by the server.
/// </summary>
[Collection(SystemChromium.Collection)]
public sealed class HlsPlaybackTests(VideoServer fixture, SystemChromium chromium, ITestOutputHelper output) : PlaybackTest(fixture, chromium, output)
{
    private const string Master = $"/video/local/{VideoMedia.Slideshow}/hls/master.m3u8";

    /// <summary>Segments 0-2 end 12.08 s into the buffer (its first frame sits 0.08 s in): past this, all three are buffered.</summary>
    private const double ThreeSegments = 12.05;

    /// <summary>A time inside each of segments 0-3, for telling which of the source's pictures is on show.</summary>
    private static readonly int[] SegmentTimes = [2, 6, 10, 14];

    private static readonly Dictionary<string, object> CappedToTheElement = new() { ["capLevelToPlayerSize"] = true, ["startLevel"] = 0 };

    /// <summary>
    /// The three segments are buffered before play, so the test sees the joins, not the server's encode speed: with the
    /// media already there, any 'waiting' at 4 s or 8 s, or a second buffered range, is a seam between segments. hls.js
    /// closes small timestamp gaps between consecutive segments itself, so the picture at 2, 6 and 10 s is also checked
    /// against the source's thumbnails at 2, 6, 10 and 14 s: a missing or misplaced segment shows the wrong one.
    /// </summary>
    [Fact]
    public async Task MasterPlaylist_PlaysAcrossThreeSegments_BackToBack()
    {
        await using var sut = await OpenPageAsync();

        await sut.LoadHlsAsync(Master, CappedToTheElement);
        var buffered = await sut.WaitForBufferedAsync(ThreeSegments, TimeSpan.FromSeconds(90));
        foreach (var time in SegmentTimes[..3])
        {
            await sut.SeekAsync(time);
            var distances = new List<double>();
            foreach (var candidate in SegmentTimes)
            {
                distances.Add(await sut.FrameDistanceAsync($"/video/local/{VideoMedia.Slideshow}/thumbnail.png?time={candidate}&w=160"));
            }

            var closest = SegmentTimes[distances.IndexOf(distances.Min())];
            var line = $"the picture at {time} s: distance to the source's at {string.Join(", ", SegmentTimes.Zip(distances, (t, d) => $"{t} s {d:0.0}"))}";
            Output.WriteLine(line);
            Assert.True(closest == time, $"{line}; it is the source's at {closest} s");
        }

        await sut.SeekAsync(0);
        await sut.PlayAsync();
        var state = await sut.WaitForSegmentsAsync(3, 8.5, TimeSpan.FromSeconds(20));

        Output.WriteLine($"buffered: {buffered}");
        Output.WriteLine($"played: {state}");
        Assert.Equal([0, 1, 2], state.LoadedSegments.Take(3));
        Assert.Equal((640, 360), (state.VideoWidth, state.VideoHeight));
        Assert.True(state.Buffered.Count == 1 && state.Buffered[0][0] < 0.25 && state.Buffered[0][1] > ThreeSegments, "buffered " + Ranges(state));
        Assert.True(state.LongestStallMs <= 250, $"stalled {state.LongestStallMs} ms with the three segments buffered");
        Assert.True(state.TotalVideoFrames > 0 && state.DroppedVideoFrames <= state.TotalVideoFrames / 10, $"{state.DroppedVideoFrames} of {state.TotalVideoFrames} frames dropped");
        Assert.True(state.AudioDecodedBytes > 0, $"{state.AudioDecodedBytes} bytes of audio decoded");
        Assert.DoesNotContain(state.Hls, e => e.Fatal == true);
        sut.AssertClean();
    }

    [Fact]
    public async Task StartPosition14_PlaysFromTheFourthSegment_WithoutLoadingTheFirstThree()
    {
        await using var sut = await OpenPageAsync();

        await sut.PlayHlsAsync(Master, new Dictionary<string, object>(CappedToTheElement) { ["startPosition"] = 14 });
        var state = await sut.WaitUntilAsync("played past 16.5 s", "() => video.currentTime > 16.5", null, TimeSpan.FromSeconds(60));

        Output.WriteLine(state.ToString());
        Assert.Equal(3, state.LoadedSegments[0]);
        Assert.DoesNotContain(state.LoadedSegments, sn => sn < 3);
        Assert.InRange(state.Events.First(e => e.Event == "playing").CurrentTime, 13.9, 14.5);
        Assert.True(state.Buffered.Count == 1 && state.Buffered[0][0] <= 14 && state.Buffered[0][1] > 16.5, "buffered " + Ranges(state));
        Assert.True(state.TotalVideoFrames > 0, $"{state.TotalVideoFrames} frames decoded");
        Assert.DoesNotContain(state.Hls, e => e.Fatal == true);
        sut.AssertClean();
    }

    private static string Ranges(PlaybackState state) => string.Join(", ", state.Buffered.Select(r => $"{r[0]:0.00}-{r[1]:0.00}"));
}
