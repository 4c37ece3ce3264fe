namespace MediaEdge.IntegrationTests.Images;

/// <summary>
/// The vips resize ladder over HTTP: a photo asked for at ten widths in srcset order is decoded once in its worker; the
/// later widths report <c>transform;desc=ladder-…</c> in Server-Timing, come out the size a node without the ladder gives,
/// and byte for byte the same where the decode was the same one. colorful-cups.jpg here is 1280x800: widths 600 to 440
/// decode it whole, 420 at 1/2 (taken from the whole decode instead).
/// </summary>
public sealed class LadderTests
{
    private static readonly int[] Widths = [600, 580, 560, 540, 520, 500, 480, 460, 440, 420];

    [Fact]
    public async Task SrcsetWidths_AfterTheFirst_ComeFromTheLadder_AsANodeWithoutItRendersThem()
    {
        await using var sut = await MediaEdgeServer.StartAsync(engine: Engine.Vips);
        await using var direct = await MediaEdgeServer.StartAsync(new Dictionary<string, string?> { ["MediaEdge:Imaging:LadderBytes"] = "0" }, engine: Engine.Vips);
        var key = MediaFolder.Shared.FreshCopy("colorful-cups.jpg");
        using var client = sut.CreateClient(out var guard);
        using var directClient = direct.CreateClient(out var directGuard);

        var laddered = 0;
        foreach (var width in Widths)
        {
            var url = $"/img/local/{key}?w={width}&fm=webp&q=80";
            var reply = await client.GetReplyAsync(url);
            var expected = await directClient.GetReplyAsync(url);

            Assert.Equal(HttpStatusCode.OK, reply.Status);
            Assert.True(Magic.IsWebp(reply.Body), "the body's magic bytes are not WebP");
            Assert.Equal(Pixels.Size(expected.Body), Pixels.Size(reply.Body));
            Assert.DoesNotContain(expected.HeaderList("Server-Timing"), t => t.Contains("ladder", StringComparison.Ordinal));
            var timing = string.Join(", ", reply.HeaderList("Server-Timing"));
            if (timing.Contains("transform;desc=ladder-same", StringComparison.Ordinal))
            {
                Assert.Equal(expected.Body, reply.Body);
            }

            laddered += timing.Contains("transform;desc=ladder-", StringComparison.Ordinal) ? 1 : 0;
        }

        Assert.True(laddered >= 8, $"{laddered} of 9 later widths came from the ladder");
        guard.AssertNoServerFailure();
        directGuard.AssertNoServerFailure();
    }

    [Theory]
    [InlineData("MediaEdge:Imaging:LadderBytes", "3000000")]
    [InlineData("MediaEdge:Imaging:LadderSeconds", "1")]
    public async Task KeptDecode_TooLargeOrExpired_IsNotUsed(string setting, string value)
    {
        // 1280x800x3 bytes (3,072,000) is more than 3,000,000; one second is up before the next request is made.
        await using var sut = await MediaEdgeServer.StartAsync(new Dictionary<string, string?> { [setting] = value }, engine: Engine.Vips);
        var key = MediaFolder.Shared.FreshCopy("colorful-cups.jpg");
        using var client = sut.CreateClient(out var guard);

        var first = await client.GetReplyAsync($"/img/local/{key}?w=600&fm=webp");
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var second = await client.GetReplyAsync($"/img/local/{key}?w=580&fm=webp");

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal((580, 363), Pixels.Size(second.Body));
        Assert.DoesNotContain(second.HeaderList("Server-Timing"), t => t.Contains("ladder", StringComparison.Ordinal));
        guard.AssertNoServerFailure();
    }
}
