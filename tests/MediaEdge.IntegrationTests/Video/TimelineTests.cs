using System.Text;
using System.Text.Json;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MediaEdge.IntegrationTests.Video;

/// <summary>
/// Videos whose picture does not simply run from 0 to the file's end (<see cref="TimelineMedia"/>): the length is the
/// video stream's own, read from its packets where the container does not store it; any time within it gives the frame
/// showing then, and any time past it the last frame; every route works down to a clip of one frame, and a storyboard's
/// sprite always holds the tiles its index names.
/// </summary>
public sealed class TimelineTests(VideoServer fixture, ITestOutputHelper output) : ServerTest(fixture), IClassFixture<VideoServer>, IAsyncLifetime
{
    /// <summary>Tiles 0.7 s apart show frames (halfway through their cues: 0.35 s, 1.05 s, …) at least 27 ms from every colour change of the cases.</summary>
    private const double Interval = 0.7;

    public static TheoryData<string> Keys => TimelineMedia.Keys;

    public Task InitializeAsync() => TimelineMedia.EnsureGeneratedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [MemberData(nameof(Keys))]
    public async Task Thumbnail_AtAnyTimeOrPastTheEnd_IsTheFrameShowingThen(string key)
    {
        var sut = TimelineMedia.Cases[key];
        var seen = new List<string>();

        // Asked at once, as a page asks: the node's two ffmpeg processes take them two at a time.
        var replies = await Task.WhenAll(sut.Times.Select(time => Client.GetReplyAsync($"/video/local/{key}/thumbnail.png?time={Seconds(time)}")));
        foreach (var (time, reply) in sut.Times.Zip(replies))
        {
            Assert.True(reply.Status == HttpStatusCode.OK, $"{key} at {time} s: {reply} {Encoding.UTF8.GetString(reply.Body)}");
            Assert.True(Magic.IsPng(reply.Body), $"{key} at {time} s: PNG magic, got {reply}");
            using var image = Pixels.Load(reply.Body);
            FlatColour.Assert(sut.ColourAt(time), image, $"{key} at {time} s (the picture lasts {sut.Duration} s)");
            seen.Add($"{time} s → {FlatColour.Of(image).Name}");
        }

        output.WriteLine($"{key}: {string.Join(", ", seen)}");
    }

    [Theory]
    [InlineData("odd/one-frame.mp4")]
    [InlineData("odd/short-0.3s.mp4")]
    [InlineData("odd/gen/two-frames.mp4")]
    [InlineData("odd/webm-no-duration.webm")]
    [InlineData("odd/video1s-audio3s.mp4")]
    public async Task EveryRoute_OfAShortOrOddClip_Is200_AndEachSpriteIsTheSizeItsIndexAnnounces(string key)
    {
        var routes = new[] { "thumbnail.jpg", "thumbnail.webp?time=0", "animated.gif", "animated.webp", "storyboard.vtt", "storyboard.json", "storyboard.jpg", "storyboard.webp" };
        var replies = (await Task.WhenAll(routes.Select(async route => (Route: route, Reply: await Client.GetReplyAsync($"/video/local/{key}/{route}", HttpClientReplies.BrowserAccept)))))
            .ToDictionary(r => r.Route, r => r.Reply);
        foreach (var route in routes)
        {
            Assert.True(replies[route].Status == HttpStatusCode.OK, $"{key}/{route}: {replies[route]} {Encoding.UTF8.GetString(replies[route].Body)}");
            Assert.True(route.Contains(".vtt", StringComparison.Ordinal) || route.Contains(".json", StringComparison.Ordinal) || Magic.Matches(replies[route].ContentType!, replies[route].Body), $"{key}/{route}: {replies[route]}");
        }

        using var json = JsonDocument.Parse(replies["storyboard.json"].Body);
        var announced = (json.RootElement.GetProperty("width").GetInt32(), json.RootElement.GetProperty("height").GetInt32());
        Assert.Equal(announced, Pixels.Size(replies["storyboard.jpg"].Body));
        Assert.Equal(announced, Pixels.Size(replies["storyboard.webp"].Body));
        output.WriteLine($"{key}: {string.Join(", ", routes.Select(r => $"{r} {(int)replies[r].Status}"))}; sprite {announced}");
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public async Task Storyboard_CoversThePicture_AndItsSpriteHoldsEveryTileItsIndexNames(string key)
    {
        var sut = TimelineMedia.Cases[key];
        var indexUrl = $"/video/local/{key}/storyboard.json?interval={Seconds(Interval)}";
        var index = await Client.GetReplyAsync(indexUrl);

        Assert.Equal(HttpStatusCode.OK, index.Status);
        using var json = JsonDocument.Parse(index.Body);
        var root = json.RootElement;
        var tiles = root.GetProperty("tiles").EnumerateArray().Select(t => (Start: t.GetProperty("start").GetDouble(), End: t.GetProperty("end").GetDouble(), X: t.GetProperty("x").GetInt32(), Y: t.GetProperty("y").GetInt32(), W: t.GetProperty("w").GetInt32(), H: t.GetProperty("h").GetInt32())).ToArray();
        Assert.Equal((int)Math.Ceiling((sut.Duration / Interval) - 0.05), tiles.Length);
        Assert.Equal(0, tiles[0].Start);
        Assert.All(tiles.Zip(tiles.Skip(1)), p => Assert.Equal(p.First.End, p.Second.Start, 6));
        Assert.InRange(tiles[^1].End, sut.Duration - 0.05, sut.Duration + 0.05);

        var spriteUrl = new Uri(new Uri(Client.BaseAddress!, indexUrl), root.GetProperty("sprite").GetString());
        var sprite = await Client.GetReplyAsync(spriteUrl.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, sprite.Status);
        Assert.True(Magic.IsJpeg(sprite.Body), $"{key}: the sprite is {sprite}");
        using var image = Pixels.Load(sprite.Body);
        Assert.Equal((root.GetProperty("width").GetInt32(), root.GetProperty("height").GetInt32()), (image.Width, image.Height));
        foreach (var tile in tiles)
        {
            Assert.True(tile.X + tile.W <= image.Width && tile.Y + tile.H <= image.Height, $"{key}: tile at {tile.Start} s lies outside the {image.Width}x{image.Height} sprite");
            // A tile shows the frame halfway through its cue (the last frame where that is past the end).
            FlatColour.Assert(sut.ColourAt(tile.Start + (Interval / 2)), image, $"{key}: the tile of {tile.Start:0.###}–{tile.End:0.###} s", new Rectangle(tile.X, tile.Y, tile.W, tile.H));
        }

        var vtt = await Client.GetReplyAsync($"/video/local/{key}/storyboard.vtt");
        Assert.Equal(HttpStatusCode.OK, vtt.Status);
        var cues = WebVtt.Parse(Encoding.UTF8.GetString(vtt.Body));
        Assert.InRange(cues[^1].End.TotalSeconds, sut.Duration - 0.05, sut.Duration + 0.05);
        output.WriteLine($"{key}: {tiles.Length} tiles of {Interval} s to {tiles[^1].End:0.###} s in a {image.Width}x{image.Height} sprite, colours {string.Join(' ', tiles.Select(t => FlatColour.Of(image, new Rectangle(t.X, t.Y, t.W, t.H)).Name))}; default VTT: {cues.Count} cue(s) to {cues[^1].End.TotalSeconds:0.###} s");
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public async Task Animated_FromTheStart_AndFromPastTheEnd_ArePreviewsOfTheirFrames(string key)
    {
        var sut = TimelineMedia.Cases[key];
        var both = await Task.WhenAll(Client.GetReplyAsync($"/video/local/{key}/animated.gif?start=0&end=2&w=64"), Client.GetReplyAsync($"/video/local/{key}/animated.gif?start=600&end=601&w=64"));
        var (fromStart, pastTheEnd) = (both[0], both[1]);

        Assert.True(fromStart.Status == HttpStatusCode.OK, $"{key} 0–2 s: {fromStart} {Encoding.UTF8.GetString(fromStart.Body)}");
        Assert.True(pastTheEnd.Status == HttpStatusCode.OK, $"{key} 600–601 s: {pastTheEnd} {Encoding.UTF8.GetString(pastTheEnd.Body)}");
        using var gif = Image.Load<Rgba32>(fromStart.Body);
        using var last = Image.Load<Rgba32>(pastTheEnd.Body);
        var expectedFrames = (int)Math.Ceiling((Math.Min(2, sut.Duration) * 10) - 1e-6);
        Assert.InRange(gif.Frames.Count, Math.Max(1, expectedFrames - 1), expectedFrames + 1);
        using (var first = gif.Frames.CloneFrame(0))
        {
            FlatColour.Assert(sut.ColourAt(0), first, $"{key}: the preview's first frame");
        }

        Assert.Equal(1, last.Frames.Count);
        FlatColour.Assert(sut.ColourAt(double.MaxValue), last, $"{key}: the preview from past the end");
        output.WriteLine($"{key}: 0–2 s at 10 fps: {gif.Frames.Count} GIF frames ({expectedFrames} expected); from 600 s: {last.Frames.Count} frame, {FlatColour.Of(last).Name}");
    }

    private static string Seconds(double seconds) => seconds.ToString("0.###", CultureInfo.InvariantCulture);
}
