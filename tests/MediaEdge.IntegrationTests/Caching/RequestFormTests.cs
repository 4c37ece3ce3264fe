using Microsoft.Extensions.Time.Testing;

namespace MediaEdge.IntegrationTests.Caching;

/// <summary>
/// A request form answered before (the same target, Accept and client hints) is answered from memory without parsing or
/// negotiating again (issue 13's hit path); these tests show that such an answer is still exactly what the full path
/// gives: the same bytes and headers, max-age counting down, a purge or a changed source never answered from memory,
/// and a different Accept or DPR negotiated on its own. The node's clock is a <see cref="FakeTimeProvider"/>.
/// </summary>
public sealed class RequestFormTests() : CountedNodeTest("forms", new Dictionary<string, string?> { ["MediaEdge:Security:AdminToken"] = NodeGroup.AdminToken })
{
    private const string Key = CountedNode.Key;
    private const string Url = "/img/counted/" + Key + "?w=120&auto=format";
    private const string Chrome = "image/avif,image/webp,image/apng,image/*,*/*;q=0.8";
    private const string Safari = "image/webp,image/png,image/*;q=0.8,*/*;q=0.5";

    [Fact]
    public async Task RepeatedForm_IsTheSameAnswer_WithMaxAgeCountingDown_AndNoSecondLookAtTheOrigin()
    {
        var first = await Node.Client.GetReplyAsync(Url, Safari);
        var second = await Node.Client.GetReplyAsync(Url, Safari);
        Clock.Advance(TimeSpan.FromSeconds(25));
        var third = await Node.Client.GetReplyAsync(Url, Safari);

        Assert.Equal("miss", first.CacheTier());
        foreach (var repeat in new[] { second, third })
        {
            Assert.Equal(HttpStatusCode.OK, repeat.Status);
            Assert.Equal("hit-l1", repeat.CacheTier());
            Assert.Equal(first.Body, repeat.Body);
            Assert.Equal(first.Header("ETag"), repeat.Header("ETag"));
            Assert.Equal(first.ContentType, repeat.ContentType);
            Assert.Equal(first.HeaderList("Vary"), repeat.HeaderList("Vary"));
            Assert.Equal(first.Header("Accept-CH"), repeat.Header("Accept-CH"));
        }

        Assert.True(Magic.IsWebp(second.Body), "Safari's answer is not WebP");
        Assert.Equal("public, max-age=60, stale-while-revalidate=30, stale-if-error=300", second.Header("Cache-Control"));
        Assert.Equal("public, max-age=35, stale-while-revalidate=30, stale-if-error=300", third.Header("Cache-Control"));
        Assert.Equal((1, 1), (Origin.Stats, Origin.Reads));
        Assert.Equal(1, Node.Transforms);

        var notModified = await Node.Client.GetReplyAsync(Url, Safari, ("If-None-Match", first.Header("ETag")!));
        Assert.Equal(HttpStatusCode.NotModified, notModified.Status);
        Assert.Empty(notModified.Body);
    }

    [Fact]
    public async Task SameTarget_OtherAcceptOrDpr_IsNegotiatedOnItsOwn()
    {
        var safari = await Node.Client.GetReplyAsync(Url, Safari);
        var safariAgain = await Node.Client.GetReplyAsync(Url, Safari);
        var chrome = await Node.Client.GetReplyAsync(Url, Chrome);
        const string Hinted = Url + "&ch=dpr";
        var plain = await Node.Client.GetReplyAsync(Hinted, Safari);
        var plainAgain = await Node.Client.GetReplyAsync(Hinted, Safari);
        var retina = await Node.Client.GetReplyAsync(Hinted, Safari, ("DPR", "2"));
        var retinaAgain = await Node.Client.GetReplyAsync(Hinted, Safari, ("DPR", "2"));

        Assert.True(Magic.IsWebp(safariAgain.Body), "Safari's repeat is not WebP");
        Assert.Equal(120, Pixels.Size(safariAgain.Body).Width);
        Assert.True(Magic.IsAvif(chrome.Body), "Chrome's answer, after Safari's was remembered, is not AVIF");
        Assert.Equal(120, Pixels.Size(chrome.Body).Width);
        Assert.Equal(120, Pixels.Size(plainAgain.Body).Width);
        Assert.Equal("hit-l1", plainAgain.CacheTier());
        Assert.Equal(240, Pixels.Size(retina.Body).Width);
        Assert.Equal("hit-l1", retinaAgain.CacheTier());
        Assert.Equal(retina.Body, retinaAgain.Body);
        Assert.NotEqual(plain.Header("ETag"), retina.Header("ETag"));
        Assert.Equal(safari.Body, plain.Body);
    }

    [Fact]
    public async Task Purge_BetweenRepeats_IsNeverAnsweredFromMemory()
    {
        var first = await Node.Client.GetReplyAsync(Url, Safari);
        Assert.Equal("hit-l1", (await Node.Client.GetReplyAsync(Url, Safari)).CacheTier());

        var purged = await Node.PurgeAsync("counted/" + Key, NodeGroup.AdminToken);
        Assert.True(purged.Status is HttpStatusCode.OK or HttpStatusCode.Accepted or HttpStatusCode.NoContent, $"purge answered {purged.Status}");
        var after = await Node.Client.GetReplyAsync(Url, Safari);

        Assert.Equal(HttpStatusCode.OK, after.Status);
        Assert.Equal("miss", after.CacheTier());
        Assert.Equal(first.Body, after.Body);
        Assert.Equal(2, Node.Transforms);
    }

    [Fact]
    public async Task ChangedSource_OnceStale_IsServedAsTheNewPicture_NotTheRememberedOne()
    {
        var before = await Node.Client.GetReplyAsync(Url, Safari);
        Assert.Equal("hit-l1", (await Node.Client.GetReplyAsync(Url, Safari)).CacheTier());

        // A different picture under the same key; past the fresh and stale windows the next request must revalidate.
        File.Copy(Path.Combine(MediaFolder.Shared.Root, "alpha.png"), Path.Combine(Folder, Key), overwrite: true);
        Clock.Advance(TimeSpan.FromSeconds(95));
        var after = await Node.Client.GetReplyAsync(Url, Safari);
        var afterAgain = await Node.Client.GetReplyAsync(Url, Safari);

        Assert.Equal(HttpStatusCode.OK, after.Status);
        Assert.NotEqual(before.Header("ETag"), after.Header("ETag"));
        Assert.NotEqual(Pixels.Size(before.Body), Pixels.Size(after.Body));
        Assert.Equal("hit-l1", afterAgain.CacheTier());
        Assert.Equal(after.Body, afterAgain.Body);
    }
}
