using System.Text;
using System.Text.Json;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace MediaEdge.IntegrationTests.Video;

/// <summary>
/// /video/local/{key}/storyboard.{vtt,json,jpg,webp}: the index is read as a player reads it, and every tile it
/// names is looked up in the sprite fetched from the URL it gives.
/// </summary>
public sealed class StoryboardTests(VideoServer fixture, ITestOutputHelper output) : ServerTest(fixture), IClassFixture<VideoServer>
{
    private const string Base = $"/video/local/{VideoMedia.Slideshow}/storyboard";

    /// <summary>
    /// Largest distance between a sprite tile and the closest frame of its cue: the tile is a 160 px MJPEG (q 4) scaled
    /// by ffmpeg's bicubic filter, measured at 4.5 from the frame it shows; one cue away is 7 or more.
    /// </summary>
    private const double SpriteTile = 6;

    [Fact]
    public async Task Vtt_ParsesAndCoversTheVideo_AndEveryCueLiesInsideTheSpriteItNames()
    {
        var (vttUrl, cues) = await GetVttAsync($"{Base}.vtt");

        Assert.True(cues.Count >= 10, $"{cues.Count} cues for a 21.76 s video at the default interval");
        Assert.Equal(TimeSpan.Zero, cues[0].Start);
        Assert.All(cues, c => Assert.True(c.End > c.Start, $"{c.Start} --> {c.End}"));
        Assert.All(cues.Zip(cues.Skip(1)), p => Assert.Equal(p.First.End, p.Second.Start));
        Assert.InRange(cues[^1].End.TotalSeconds, VideoMedia.SlideshowSeconds - 0.05, VideoMedia.SlideshowSeconds + 0.05);
        Assert.Equal(cues.Count, cues.Select(c => (c.X, c.Y)).Distinct().Count());

        var sprites = await FetchSpritesAsync(vttUrl, cues);
        foreach (var cue in cues)
        {
            var sprite = sprites[cue.Url];
            Assert.True(cue.Width > 0 && cue.Height > 0, $"{cue}");
            Assert.True(cue.X + cue.Width <= sprite.Width && cue.Y + cue.Height <= sprite.Height, $"{cue} lies outside the {sprite.Width}x{sprite.Height} sprite");
        }

        DisposeAll(sprites);
    }

    [Fact]
    public async Task SpriteTiles_ShowTheVideoDuringTheirCue_NotTheCueBeforeOrAfter()
    {
        var (vttUrl, cues) = await GetVttAsync($"{Base}.vtt");
        var sprites = await FetchSpritesAsync(vttUrl, cues);
        var path = VideoMedia.PathOf(VideoMedia.Slideshow);

        // Two seconds into each 7-second segment, where the picture moves fastest, so neighbouring cues differ most.
        foreach (var index in new[] { 2, 9, 16 })
        {
            var cue = cues[index];
            using var tile = sprites[cue.Url].Clone(ctx => ctx.Crop(new Rectangle(cue.X, cue.Y, cue.Width, cue.Height)));
            var during = await ClosestAsync(tile, path, cue.Start, cue.End);
            var before = await ClosestAsync(tile, path, cues[index - 1].Start, cues[index - 1].End);
            var after = await ClosestAsync(tile, path, cues[index + 1].Start, cues[index + 1].End);
            output.WriteLine($"tile {index} ({cue.Start:mm\\:ss\\.fff}-{cue.End:mm\\:ss\\.fff}): 64 px distance to the closest frame of its cue {during:0.00}, of the cue before {before:0.00}, of the cue after {after:0.00}");
            Assert.True(during <= SpriteTile, $"no frame between {cue.Start} and {cue.End} is within {SpriteTile} of tile {index} (closest {during:0.00})");
            Assert.True(during < before && during < after, $"tile {index} is closer to a neighbouring cue's frames ({before:0.00} before, {after:0.00} after) than to its own ({during:0.00})");
        }

        DisposeAll(sprites);
    }

    [Fact]
    public async Task Json_AgreesWithTheVtt_AndWithTheSprite()
    {
        var (vttUrl, cues) = await GetVttAsync($"{Base}.vtt");
        var reply = await Client.GetReplyAsync($"{Base}.json");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("application/json", reply.ContentType);
        using var json = JsonDocument.Parse(reply.Body);
        var root = json.RootElement;
        var tiles = root.GetProperty("tiles").EnumerateArray().ToArray();
        Assert.Equal(cues.Count, tiles.Length);
        var sprite = root.GetProperty("sprite").GetString();
        Assert.All(cues, c => Assert.Equal(sprite, c.Url));
        foreach (var (cue, tile) in cues.Zip(tiles))
        {
            Assert.Equal(cue.Start.TotalSeconds, tile.GetProperty("start").GetDouble(), 0.0015);
            Assert.Equal(cue.End.TotalSeconds, tile.GetProperty("end").GetDouble(), 0.0015);
            Assert.Equal((cue.X, cue.Y, cue.Width, cue.Height), (tile.GetProperty("x").GetInt32(), tile.GetProperty("y").GetInt32(), tile.GetProperty("w").GetInt32(), tile.GetProperty("h").GetInt32()));
            Assert.Equal($"{cue.Url}#xywh={cue.X},{cue.Y},{cue.Width},{cue.Height}", tile.GetProperty("url").GetString());
        }

        var sprites = await FetchSpritesAsync(vttUrl, cues);
        var image = sprites[sprite!];
        Assert.Equal((image.Width, image.Height), (root.GetProperty("width").GetInt32(), root.GetProperty("height").GetInt32()));
        Assert.Equal(cues[0].Width, root.GetProperty("tileWidth").GetInt32());
        Assert.Equal(cues[0].Height, root.GetProperty("tileHeight").GetInt32());
        DisposeAll(sprites);
    }

    [Fact]
    public async Task Parameters_ReachTheSpriteTheIndexNames()
    {
        var (vttUrl, cues) = await GetVttAsync($"{Base}.vtt?interval=2&w=120&sprite=webp");

        Assert.Equal(11, cues.Count);
        Assert.All(cues.SkipLast(1), c => Assert.Equal(TimeSpan.FromSeconds(2), c.End - c.Start));
        Assert.InRange(cues[^1].End - cues[^1].Start, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(2));
        Assert.All(cues, c => Assert.Equal(120, c.Width));
        var url = new Uri(vttUrl, cues[0].Url);
        Assert.EndsWith("/storyboard.webp", url.AbsolutePath, StringComparison.Ordinal);

        var sprite = await Client.GetReplyAsync(url.PathAndQuery);

        Assert.Equal(HttpStatusCode.OK, sprite.Status);
        Assert.Equal("image/webp", sprite.ContentType);
        Assert.True(Magic.IsWebp(sprite.Body), $"WebP magic, got {sprite}");
        var (width, height) = Pixels.Size(sprite.Body);
        output.WriteLine($"webp sprite {width}x{height}, {cues.Count} cues of {cues[0].Width}x{cues[0].Height}");
        Assert.All(cues, c => Assert.True(c.X + c.Width <= width && c.Y + c.Height <= height, $"{c} outside {width}x{height}"));
    }

    [Theory]
    [InlineData("interval=0", "interval")]
    [InlineData("interval=abc", "interval")]
    [InlineData("w=8", "w")]
    [InlineData("w=481", "w")]
    [InlineData("sprite=png", "sprite")]
    public async Task BadParameters_Are400NamingThem(string query, string parameter)
    {
        var sut = await Client.GetReplyAsync($"{Base}.vtt?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, sut.Status);
        Assert.Equal(parameter, sut.Problem().GetProperty("parameter").GetString());
    }

    /// <summary>The smallest distance between the tile and any frame the video shows from <paramref name="start"/> to <paramref name="end"/>.</summary>
    private static async Task<double> ClosestAsync(Image<Rgba32> tile, string path, TimeSpan start, TimeSpan end)
    {
        var frames = await FfmpegCli.FramesAsync(path, start.TotalSeconds, (end - start).TotalSeconds);
        try
        {
            Assert.NotEmpty(frames);
            return frames.Min(f => FrameDistance.Between(tile, f));
        }
        finally
        {
            foreach (var frame in frames)
            {
                frame.Dispose();
            }
        }
    }

    private static void DisposeAll(Dictionary<string, Image<Rgba32>> sprites)
    {
        foreach (var sprite in sprites.Values)
        {
            sprite.Dispose();
        }
    }

    private async Task<(Uri Url, IReadOnlyList<WebVtt.Cue> Cues)> GetVttAsync(string pathAndQuery)
    {
        var reply = await Client.GetReplyAsync(pathAndQuery);
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("text/vtt", reply.ContentType);
        var text = Encoding.UTF8.GetString(reply.Body);
        return (new Uri(Client.BaseAddress!, pathAndQuery), WebVtt.Parse(text));
    }

    /// <summary>Each distinct sprite the cues name, resolved against the VTT's own URL as a player resolves it, fetched and decoded.</summary>
    private async Task<Dictionary<string, Image<Rgba32>>> FetchSpritesAsync(Uri vttUrl, IReadOnlyList<WebVtt.Cue> cues)
    {
        var sprites = new Dictionary<string, Image<Rgba32>>(StringComparer.Ordinal);
        foreach (var url in cues.Select(c => c.Url).Distinct())
        {
            var reply = await Client.GetReplyAsync(new Uri(vttUrl, url).PathAndQuery);
            Assert.Equal(HttpStatusCode.OK, reply.Status);
            Assert.True(Magic.IsJpeg(reply.Body) || Magic.IsWebp(reply.Body), $"the sprite {url} is {reply}");
            sprites[url] = Pixels.Load(reply.Body);
        }

        return sprites;
    }
}
