using System.Diagnostics;

namespace MediaEdge.IntegrationTests.Images;

/// <summary>
/// Issue 2's headline request, as a browser makes it (Accept: image/avif,image/webp,*/*), against a server nobody has warmed:
/// AVIF from an engine that encodes it (400x250 is well within Imaging:AvifMaxPixels), WebP from one that does not.
/// </summary>
[Collection(FreshServer.Collection)]
public sealed class HeadlineRequestTests(FreshServer fixture) : ServerTest(fixture)
{
    private const string Url = "/img/local/colorful-cups.jpg?w=400&auto=format";

    [EngineFact]
    public async Task AutoFormatResize_AsABrowserAsks_GetsCacheableAvifOrWebp400Wide_AndTheRepeatIsAnL1Hit()
    {
        var contentType = Engine.EncodesAvif ? "image/avif" : "image/webp";
        var started = Stopwatch.GetTimestamp();
        var sut = await Client.GetReplyAsync(Url, HttpClientReplies.BrowserAccept);
        var elapsed = Stopwatch.GetElapsedTime(started);

        sut.AssertImage(contentType, 400, 250);
        using (var decoded = Engine.EncodesAvif ? Pixels.LoadWithVips(sut.Body) : Pixels.Load(sut.Body))
        {
            Assert.Equal((400, 250), (decoded.Width, decoded.Height));
        }

        Assert.Equal(sut.Body.Length, sut.ContentLength);

        Assert.Matches("^\"[^\"]+\"$", sut.Header("ETag"));
        var cacheControl = CacheControl.Parse(sut.Header("Cache-Control"));
        Assert.True(cacheControl.Has("public"));

        // max-age counts down from the source's validation, which happened during this request.
        Assert.InRange(cacheControl.Seconds("max-age"), MediaEdgeServer.FreshSeconds - (int)Math.Ceiling(elapsed.TotalSeconds), MediaEdgeServer.FreshSeconds);
        Assert.Equal(MediaEdgeServer.StaleWhileRevalidateSeconds, cacheControl.Seconds("stale-while-revalidate"));
        Assert.Equal(MediaEdgeServer.StaleIfErrorSeconds, cacheControl.Seconds("stale-if-error"));
        Assert.Equal(["Accept"], sut.HeaderList("Vary"));
        Assert.Equal("nosniff", sut.Header("X-Content-Type-Options"));
        Assert.Contains("Sec-CH-DPR", sut.HeaderList("Accept-CH"));
        Assert.Contains("Sec-CH-Width", sut.HeaderList("Accept-CH"));

        var timing = sut.HeaderList("Server-Timing");
        Assert.Contains("cache;desc=miss", timing);
        Assert.Contains(timing, t => t.StartsWith("origin;dur=", StringComparison.Ordinal));
        Assert.Contains(timing, t => t.StartsWith("transform;dur=", StringComparison.Ordinal));

        var repeat = await Client.GetReplyAsync(Url, HttpClientReplies.BrowserAccept);

        Assert.Equal(HttpStatusCode.OK, repeat.Status);
        Assert.Equal(["cache;desc=hit-l1"], repeat.HeaderList("Server-Timing"));
        Assert.Equal(sut.Header("ETag"), repeat.Header("ETag"));
        Assert.Equal(sut.Body, repeat.Body);
    }
}
