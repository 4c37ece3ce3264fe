using System.Diagnostics;
using MediaEdge.IntegrationTests.Fuzz;

namespace MediaEdge.IntegrationTests.Limits;

/// <summary>
/// Small files that make a decoder spin or run long (<see cref="LongDecodeMedia"/>), on both engines, a few at once:
/// every answer comes within the time budget (an image, a 4xx, or a 503 with Retry-After; never a 500), the node is idle
/// a few seconds later and serves on. Interlaced PNGs narrower than 5 pixels, which ImageSharp 2.1 misreads, are served
/// in their colour by both engines. The cases share a node per engine and budget (<see cref="LongDecodeServers"/>).
/// </summary>
[Collection(WholeProcessCollection.Name)]
public sealed class LongDecodeTests : IClassFixture<LongDecodeServers>
{
    private const int TimeoutSeconds = 3;

    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(3);

    private readonly LongDecodeServers _servers;
    private readonly ITestOutputHelper _output;

    public LongDecodeTests(LongDecodeServers servers, ITestOutputHelper output)
    {
        _servers = servers;
        _output = output;
    }

    /// <summary>Adam7 PNGs of 1 to 4 pixels wide (every depth), and the 5-pixel edge of the fault.</summary>
    public static TheoryData<string, string, int, int, int, int> NarrowInterlacedPngs()
    {
        var data = new TheoryData<string, string, int, int, int, int>();
        foreach (var engine in new[] { Engine.ImageSharp.Name, Engine.Vips.Name })
        {
            data.Add(engine, "1x100, 2-bit palette", 1, 100, 2, 3);
            data.Add(engine, "4x9, 4-bit palette", 4, 9, 4, 3);
            data.Add(engine, "2x5000, 8-bit palette", 2, 5000, 8, 3);
            data.Add(engine, "3x3, 16-bit RGB", 3, 3, 16, 2);
            data.Add(engine, "5x5, 8-bit RGB", 5, 5, 8, 2);
            data.Add(engine, "300x1, 8-bit palette", 300, 1, 8, 3);
        }

        return data;
    }

    /// <summary>Files whose decode runs long or never ends on some engine, with the query that asks for a servable output.</summary>
    public static TheoryData<string, string, string> LongDecodes()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var engine in new[] { Engine.ImageSharp.Name, Engine.Vips.Name })
        {
            data.Add(engine, "adam7-4x7000000.png", "h=1000&fm=png");
            data.Add(engine, "883-scans-7000x7000.jpg", "w=1000&fm=jpg");
            data.Add(engine, "883-scans-2000x2000.jpg", "w=1000&fm=jpg");
            data.Add(engine, "6000000-strips.tif", "h=1000&fm=png");
            data.Add(engine, "191406-tiles.tif", "w=1000&fm=png");
            data.Add(engine, "1-byte-idat-chunks.png", "w=1000&fm=png");
            data.Add(engine, "long-lzw-runs-7000x7000.gif", "w=1000&fm=png");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(NarrowInterlacedPngs))]
    public async Task InterlacedPng_OfAnySizeAndDepth_IsItsColourOnEitherEngine(string engine, string what, int width, int height, int bitDepth, int colourType)
    {
        // A file of its own per case: the node and its cache are shared with the other cases.
        var file = $"narrow-{width}x{height}-{bitDepth}-{colourType}.png";
        File.WriteAllBytes(Path.Combine(_servers.Folder.FullName, file), LongDecodeMedia.InterlacedPng(width, height, bitDepth, colourType));
        var server = await _servers.ServerAsync(Engine.Named(engine), timeoutSeconds: 30);
        using var client = server.CreateClient(out var guard);

        var sut = await client.GetReplyAsync($"/img/long/{file}?fm=png");

        Assert.True(sut.Status == HttpStatusCode.OK, $"{what}: {sut} {System.Text.Encoding.UTF8.GetString(sut.Body)}");
        using var image = Pixels.Load(sut.Body);
        Assert.Equal((width, height), (image.Width, image.Height));
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var p = image[x, y];
                Assert.True((p.R, p.G, p.B, p.A) == (LongDecodeMedia.Colour.R, LongDecodeMedia.Colour.G, LongDecodeMedia.Colour.B, 255), $"{what}: ({x},{y}) is {p}");
            }
        }

        guard.AssertNoServerFailure();
    }

    [Theory]
    [MemberData(nameof(LongDecodes))]
    public async Task LongDecode_TwoAtOnce_IsAnsweredWithinItsBudget_AndLeavesTheNodeIdleAndServing(string engine, string file, string query)
    {
        File.WriteAllBytes(Path.Combine(_servers.Folder.FullName, file), Make(file));
        var server = await _servers.ServerAsync(Engine.Named(engine), TimeoutSeconds);
        using var client = server.CreateClient(out var guard);
        Assert.True(await ServesAsync(client, _servers.NewVariant(), TimeSpan.FromSeconds(30)), "the node served no image within 30 s of its start or the case's");

        var replies = await Task.WhenAll(Enumerable.Range(1, 2).Select(async q =>
        {
            var started = Stopwatch.GetTimestamp();
            var reply = await client.GetReplyAsync($"/img/long/{file}?{query}&q={q}");
            return (Reply: reply, Elapsed: Stopwatch.GetElapsedTime(started));
        }));
        var (settled, windows) = await NodeActivity.AssertIdleWithinAsync(TimeSpan.FromSeconds(5));

        _output.WriteLine($"[{engine}] {file}?{query}: {string.Join(", ", replies.Select(r => $"{(int)r.Reply.Status} in {r.Elapsed.TotalMilliseconds:0} ms{Detail(r.Reply)}"))}; idle {settled.TotalMilliseconds:0} ms later ({string.Join("; ", windows)})");
        foreach (var (reply, elapsed) in replies)
        {
            Assert.True(elapsed < TimeSpan.FromSeconds(TimeoutSeconds) + Slack, $"{file}: {(int)reply.Status} after {elapsed.TotalMilliseconds:0} ms; the budget is {TimeoutSeconds} s");
            Assert.True((int)reply.Status is 200 or 400 or 413 or 415 or 422 or 503, $"{file}: {reply}{Detail(reply)}");
            if (reply.Status == HttpStatusCode.ServiceUnavailable)
            {
                Assert.True(int.TryParse(reply.Header("Retry-After"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0, $"Retry-After: {reply.Header("Retry-After")}");
            }
            else if (reply.Status != HttpStatusCode.OK)
            {
                reply.Problem();
            }
        }

        var started = Stopwatch.GetTimestamp();
        var normal = await client.GetReplyAsync(_servers.NewVariant());
        Assert.True(normal.Status == HttpStatusCode.OK, $"a normal request after the long decodes was not served: {normal}{Detail(normal)}");
        Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(5), $"the request after the long decodes took {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0} ms");
        guard.AssertNoServerFailure();
    }

    private static byte[] Make(string file) => file switch
    {
        "adam7-4x7000000.png" => LongDecodeMedia.InterlacedPng(4, 7_000_000, 1, 3),
        "883-scans-7000x7000.jpg" => LongDecodeMedia.ManyScanJpeg(7000, 7000, 63),
        "883-scans-2000x2000.jpg" => LongDecodeMedia.ManyScanJpeg(2000, 2000, 63),
        "6000000-strips.tif" => LongDecodeMedia.SharedBlockTiff(8, 6_000_000, 1),
        "191406-tiles.tif" => LongDecodeMedia.SharedBlockTiff(7000, 7000, 0, 16),
        "1-byte-idat-chunks.png" => LongDecodeMedia.ChoppedPng(2000, 2000, 1),
        "long-lzw-runs-7000x7000.gif" => LongDecodeMedia.LongRunGif(7000, 7000),
        _ => throw new ArgumentOutOfRangeException(nameof(file), file, "no such case"),
    };

    private static string Detail(Reply reply) =>
        reply.ContentType == "application/problem+json" ? $" ({reply.Problem().GetProperty("detail").GetString()})" : "";

    /// <summary>True once <paramref name="variant"/>, a normal image, is served; tries until <paramref name="patience"/> has passed (at least once).</summary>
    private static async Task<bool> ServesAsync(HttpClient client, string variant, TimeSpan patience)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            if ((await client.GetReplyAsync(variant)).Status == HttpStatusCode.OK)
            {
                return true;
            }

            if (Stopwatch.GetElapsedTime(started) >= patience)
            {
                return false;
            }
        }
    }
}
