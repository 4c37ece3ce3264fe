using MediaEdge.IntegrationTests.Video.Transcode;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MediaEdge.IntegrationTests.Video;

/// <summary>
/// Thumbnails, storyboards, previews and clips honour the colour a stream describes (<see cref="ColourMedia"/>): HDR (PQ,
/// HLG) is tone-mapped to SDR BT.709 with mid-tones as mastered and highlights near white, wide-gamut primaries are
/// converted, and BT.601, BT.709 and full-range pictures are decoded with their own matrix and range. Each case is
/// also decoded by plain ffmpeg, to show that the comparison would catch a conversion that ignored the description.
/// </summary>
public sealed class ColourTests(VideoServer fixture, ITestOutputHelper output) : ServerTest(fixture), IClassFixture<VideoServer>, IAsyncLifetime
{
    /// <summary>Largest channel difference from the known colour: 4:2:0 chroma, 8-bit rounding and the encoder, measured at 1–4.</summary>
    private const double Tolerance = 8;

    public static TheoryData<string> Keys => ColourMedia.Keys;

    public Task InitializeAsync() => ColourMedia.EnsureGeneratedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [MemberData(nameof(Keys))]
    public async Task Thumbnail_ShowsTheColoursTheStreamDescribes_InSdrBt709(string key)
    {
        var sut = ColourMedia.Cases[key];
        var reply = await Client.GetReplyAsync($"/video/local/{key}/thumbnail.png?time=0.2");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.True(Magic.IsPng(reply.Body), reply.ToString());
        using var image = Pixels.Load(reply.Body);
        var (left, right) = Halves(image);
        using var mistaken = await MistakenFrameAsync(VideoMedia.PathOf(key), sut.Mistake);
        var (wrongLeft, wrongRight) = Halves(mistaken);
        var mistake = sut.Mistake ?? "plain ffmpeg";
        output.WriteLine($"{key}: left {Rgb(left)} (expected {sut.Left}, {mistake} {Rgb(wrongLeft)}); right {Rgb(right)} (expected {sut.Right}, {mistake} {Rgb(wrongRight)})");

        AssertNear(sut.Left, left, $"{key}, left half");
        AssertNear(sut.Right, right, $"{key}, right half");
        var wrong = Math.Max(Distance(sut.Left, wrongLeft), Distance(sut.Right, wrongRight));
        Assert.True(wrong > 2 * Tolerance, $"{key}: {mistake} comes within {wrong:0.#} levels of the known colours too, so this case could not catch it");
    }

    [Theory]
    [InlineData("colour/pq-hevc.mp4")]
    [InlineData("colour/hlg-hevc.mp4")]
    public async Task StoryboardAndPreview_OfHdr_AreToneMappedLikeTheThumbnail(string key)
    {
        var sut = ColourMedia.Cases[key];
        var index = await Client.GetReplyAsync($"/video/local/{key}/storyboard.json?w=320");
        var sprite = await Client.GetReplyAsync($"/video/local/{key}/storyboard.jpg?w=320");
        var gif = await Client.GetReplyAsync($"/video/local/{key}/animated.gif?start=0&end=0.4&w=320");

        Assert.Equal(HttpStatusCode.OK, index.Status);
        Assert.Equal(HttpStatusCode.OK, sprite.Status);
        Assert.Equal(HttpStatusCode.OK, gif.Status);
        using var json = System.Text.Json.JsonDocument.Parse(index.Body);
        var tile = json.RootElement.GetProperty("tiles")[0];
        using var tiles = Pixels.Load(sprite.Body);
        using var animation = Image.Load<Rgba32>(gif.Body);
        using var first = animation.Frames.CloneFrame(0);

        var (tileLeft, tileRight) = Halves(tiles, new Rectangle(tile.GetProperty("x").GetInt32(), tile.GetProperty("y").GetInt32(), tile.GetProperty("w").GetInt32(), tile.GetProperty("h").GetInt32()));
        var (gifLeft, gifRight) = Halves(first);
        output.WriteLine($"{key}: storyboard tile {Rgb(tileLeft)} / {Rgb(tileRight)}, GIF frame {Rgb(gifLeft)} / {Rgb(gifRight)}; expected {sut.Left} / {sut.Right}");

        // A JPEG tile and a 256-colour GIF add their own error to the conversion's.
        AssertNear(sut.Left, tileLeft, $"{key}: storyboard tile, left half", 2 * Tolerance);
        AssertNear(sut.Right, tileRight, $"{key}: storyboard tile, right half", 2 * Tolerance);
        AssertNear(sut.Left, gifLeft, $"{key}: GIF frame, left half", 2 * Tolerance);
        AssertNear(sut.Right, gifRight, $"{key}: GIF frame, right half", 2 * Tolerance);
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public async Task Clip_IsTaggedSdrBt709_AndShowsTheKnownColours(string key)
    {
        var sut = ColourMedia.Cases[key];
        var reply = await Client.GetReplyAsync($"/video/local/{key}/video.mp4?w=320&audio=false");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var clip = await ClipProbe.ReadAsync(reply.Body);
        Assert.Equal(("yuv420p", "bt709", "bt709"), (clip.PixelFormat, clip.ColourSpace, clip.ColourTransfer));
        var file = Path.Combine(Path.GetTempPath(), $"mediaedge-colour-clip-{Guid.NewGuid():N}.mp4");
        await File.WriteAllBytesAsync(file, reply.Body);
        try
        {
            using var frame = await FfmpegCli.FrameAtAsync(file, 0.2);
            var (left, right) = Halves(frame);
            output.WriteLine($"{key} as a clip: left {Rgb(left)} (expected {sut.Left}), right {Rgb(right)} (expected {sut.Right})");

            // The clip is encoded once more (x264, 4:2:0), which adds its own error to the conversion's.
            AssertNear(sut.Left, left, $"{key} clip, left half", 2 * Tolerance);
            AssertNear(sut.Right, right, $"{key} clip, right half", 2 * Tolerance);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The mean colours of the middle of each half (away from the edge between them, where chroma bleeds).</summary>
    private static ((double R, double G, double B) Left, (double R, double G, double B) Right) Halves(Image<Rgba32> image, Rectangle? area = null)
    {
        var a = area ?? new Rectangle(0, 0, image.Width, image.Height);
        var (w, h) = (a.Width / 2, a.Height);
        return (Pixels.Mean(image, new Rectangle(a.X + (w / 4), a.Y + (h / 4), w / 2, h / 2)), Pixels.Mean(image, new Rectangle(a.X + w + (w / 4), a.Y + (h / 4), w / 2, h / 2)));
    }

    private static double Distance((int R, int G, int B) expected, (double R, double G, double B) actual) =>
        Math.Max(Math.Abs(expected.R - actual.R), Math.Max(Math.Abs(expected.G - actual.G), Math.Abs(expected.B - actual.B)));

    private static void AssertNear((int R, int G, int B) expected, (double R, double G, double B) actual, string what, double tolerance = Tolerance)
    {
        var distance = Distance(expected, actual);
        Assert.True(distance <= tolerance, $"{what}: expected {expected}, got {Rgb(actual)} ({distance:0.#} levels off, {tolerance} allowed)");
    }

    private static string Rgb((double R, double G, double B) c) => string.Create(CultureInfo.InvariantCulture, $"({c.R:0}, {c.G:0}, {c.B:0})");

    /// <summary>The frame <c>ffmpeg -i … [-vf mistake] -frames:v 1 out.png</c> writes: plain ffmpeg's decoding, or a deliberate mistake.</summary>
    private static async Task<Image<Rgba32>> MistakenFrameAsync(string path, string? mistake)
    {
        var output = Path.Combine(Path.GetTempPath(), $"mediaedge-mistaken-{Guid.NewGuid():N}.png");
        try
        {
            string[] filter = mistake is null ? [] : ["-vf", mistake + ",format=rgb24"];
            await FfmpegCli.RunAsync(["-ss", "0.2", "-i", path, .. filter, "-frames:v", "1", output]);
            return Image.Load<Rgba32>(output);
        }
        finally
        {
            File.Delete(output);
        }
    }
}
