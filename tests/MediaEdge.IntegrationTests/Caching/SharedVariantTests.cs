namespace MediaEdge.IntegrationTests.Caching;

/// <summary>
/// One output, one variant: auto=format keys the format it settles on, not the Accept it came from. Each test runs a
/// server of its own with Imaging:AvifMaxPixels at 100,000, so w=600 (600x375) is past the AVIF budget and w=300
/// (300x188) within it, and counts that server's transforms.
/// </summary>
[Collection(ImageServer.Collection)]
public sealed class SharedVariantTests(ImageServer fixture) : ServerTest(fixture)
{
    private const string ChromeAccept = "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8";
    private const string SafariAccept = "image/webp,image/png,image/svg+xml,image/*;q=0.8,video/*;q=0.8,*/*;q=0.5";

    [EngineFact]
    public async Task AutoFormat_AvifClientPastTheBudget_AndWebpClient_GetOneWebpFromOneTransform()
    {
        await using var server = await StartAsync();
        using var client = server.CreateClient(out var guard);
        var url = $"/img/local/{MediaFolder.Shared.FreshCopy("colorful-cups.jpg")}?w=600&auto=format";

        var chrome = await client.GetReplyAsync(url, ChromeAccept);
        var safari = await client.GetReplyAsync(url, SafariAccept);

        foreach (var sut in new[] { chrome, safari })
        {
            Assert.Equal(HttpStatusCode.OK, sut.Status);
            Assert.Equal("image/webp", sut.ContentType);
            Assert.True(Magic.IsWebp(sut.Body), "the body's magic bytes are not WebP");
            Assert.Equal((600, 375), Pixels.Size(sut.Body));
            Assert.Equal(["Accept"], sut.HeaderList("Vary"));
        }

        Assert.Contains("cache;desc=miss", chrome.HeaderList("Server-Timing"));
        Assert.Equal(["cache;desc=hit-l1"], safari.HeaderList("Server-Timing"));
        Assert.Equal(chrome.Body, safari.Body);
        Assert.Equal(chrome.Header("ETag"), safari.Header("ETag"));
        Assert.Equal(1, server.Transforms);
        Assert.Equal(1, server.OriginReads);

        // A cache holding Chrome's copy may revalidate it for Safari: the ETag names the one variant both get.
        var revalidated = await client.GetReplyAsync(url, SafariAccept, ("If-None-Match", chrome.Header("ETag")!));
        Assert.Equal(HttpStatusCode.NotModified, revalidated.Status);
        Assert.Equal(["Accept"], revalidated.HeaderList("Vary"));
        guard.AssertNoServerFailure();
    }

    [EngineFact]
    public async Task AutoFormat_AvifAndWebpClientsPastTheBudget_FiredTogether_AreOneTransform()
    {
        await using var server = await StartAsync();
        using var client = server.CreateClient(out var guard);
        var url = $"/img/local/{MediaFolder.Shared.FreshCopy("colorful-cups.jpg")}?w=600&auto=format";

        var replies = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => client.GetReplyAsync(url, i % 2 == 0 ? ChromeAccept : SafariAccept)));

        Assert.All(replies, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.All(replies, r => Assert.Equal("image/webp", r.ContentType));
        Assert.All(replies, r => Assert.Equal(replies[0].Body, r.Body));
        Assert.Single(replies.Select(r => r.Header("ETag")).Distinct());
        Assert.Equal(1, server.Transforms);
        Assert.Equal(1, server.OriginReads);
        guard.AssertNoServerFailure();
    }

    /// <summary>Within the budget an engine that encodes AVIF gives Chrome AVIF and Safari WebP, two variants; one that does not gives both one WebP.</summary>
    [EngineFact]
    public async Task AutoFormat_WithinTheBudget_AvifAndWebpClients_GetTheFormatsTheirEngineCanGive()
    {
        await using var server = await StartAsync();
        using var client = server.CreateClient(out var guard);
        var url = $"/img/local/{MediaFolder.Shared.FreshCopy("colorful-cups.jpg")}?w=300&auto=format";

        var chrome = await client.GetReplyAsync(url, ChromeAccept);
        var safari = await client.GetReplyAsync(url, SafariAccept);

        Assert.Equal(Engine.EncodesAvif ? "image/avif" : "image/webp", chrome.ContentType);
        Assert.True(Engine.EncodesAvif ? Magic.IsAvif(chrome.Body) : Magic.IsWebp(chrome.Body), "Chrome's body is not the format its Content-Type names");
        Assert.Equal("image/webp", safari.ContentType);
        Assert.True(Magic.IsWebp(safari.Body), "Safari's body is not WebP");
        Assert.Equal((300, 188), Pixels.Size(chrome.Body));
        Assert.Equal((300, 188), Pixels.Size(safari.Body));
        Assert.Equal(["Accept"], chrome.HeaderList("Vary"));
        Assert.Equal(["Accept"], safari.HeaderList("Vary"));
        if (Engine.EncodesAvif)
        {
            Assert.NotEqual(chrome.Header("ETag"), safari.Header("ETag"));
            Assert.Equal(2, server.Transforms);
        }
        else
        {
            Assert.Equal(chrome.Header("ETag"), safari.Header("ETag"));
            Assert.Equal(1, server.Transforms);
        }

        Assert.Equal(1, server.OriginReads);
        guard.AssertNoServerFailure();
    }

    /// <summary>Once the budget is settled, repeats are hits for each client, and the source is not read again to settle it.</summary>
    [EngineFact]
    public async Task AutoFormat_Repeats_AreHitsWithoutAnotherOriginRead()
    {
        await using var server = await StartAsync();
        using var client = server.CreateClient(out var guard);
        var key = MediaFolder.Shared.FreshCopy("colorful-cups.jpg");
        string[] urls = [$"/img/local/{key}?w=600&auto=format", $"/img/local/{key}?w=300&auto=format"];
        foreach (var url in urls)
        {
            await client.GetReplyAsync(url, ChromeAccept);
        }

        var transforms = server.Transforms;
        var repeats = new List<Reply>();
        foreach (var url in urls)
        {
            repeats.Add(await client.GetReplyAsync(url, ChromeAccept));
        }

        Assert.All(repeats, r => Assert.Equal(["cache;desc=hit-l1"], r.HeaderList("Server-Timing")));
        Assert.Equal(transforms, server.Transforms);
        Assert.Equal(1, server.OriginReads);
        guard.AssertNoServerFailure();
    }

    private Task<MediaEdgeServer> StartAsync() =>
        MediaEdgeServer.StartAsync(new Dictionary<string, string?> { ["MediaEdge:Imaging:AvifMaxPixels"] = "100000" }, engine: Engine);
}
