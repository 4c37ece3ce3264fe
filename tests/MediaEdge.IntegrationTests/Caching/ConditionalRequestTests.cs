namespace MediaEdge.IntegrationTests.Caching;

/// <summary>If-None-Match and HEAD: a revalidation costs no body and tells the cache the same things as the 200 did.</summary>
[Collection(ImageServer.Collection)]
public sealed class ConditionalRequestTests(ImageServer fixture) : ServerTest(fixture)
{
    private const string Url = "/img/local/colorful-cups.jpg?w=320&auto=format";
    private static readonly string[] SameHeaders = ["ETag", "Vary", "X-Content-Type-Options", "Accept-CH"];

    [Theory]
    [InlineData("{0}")]
    [InlineData("W/{0}")]
    [InlineData("\"other\", {0}")]
    [InlineData("*")]
    public async Task IfNoneMatch_Matching_Is304WithTheSameHeadersAndNoBody(string template)
    {
        var ok = await Client.GetReplyAsync(Url, "image/webp");
        var etag = ok.Header("ETag")!;

        var sut = await Client.GetReplyAsync(Url, "image/webp", ("If-None-Match", string.Format(System.Globalization.CultureInfo.InvariantCulture, template, etag)));

        Assert.Equal(HttpStatusCode.NotModified, sut.Status);
        Assert.Empty(sut.Body);
        Assert.All(SameHeaders, name => Assert.Equal(ok.Header(name), sut.Header(name)));
        Assert.Equal(["Accept"], sut.HeaderList("Vary"));
        AssertSameCacheControl(ok, sut);
    }

    [Theory]
    [InlineData("\"not-the-etag\"")]
    [InlineData("W/\"not-the-etag\"")]
    public async Task IfNoneMatch_Other_IsA200WithTheBody(string header)
    {
        var sut = await Client.GetReplyAsync(Url, "image/webp", ("If-None-Match", header));

        Assert.Equal(HttpStatusCode.OK, sut.Status);
        Assert.NotEmpty(sut.Body);
    }

    [Fact]
    public async Task IfNoneMatch_OfAnotherFormat_IsA200()
    {
        var webp = await Client.GetReplyAsync(Url, "image/webp");

        var sut = await Client.GetReplyAsync(Url, "image/jpeg", ("If-None-Match", webp.Header("ETag")!));

        Assert.Equal(HttpStatusCode.OK, sut.Status);
        Assert.Equal("image/jpeg", sut.ContentType);
        Assert.NotEqual(webp.Header("ETag"), sut.Header("ETag"));
    }

    [Fact]
    public async Task Head_HasTheHeadersOfGet_AndNoBody()
    {
        var get = await Client.GetReplyAsync(Url, "image/webp");

        var sut = await Client.SendReplyAsync(HttpMethod.Head, Url, "image/webp");

        Assert.Equal(HttpStatusCode.OK, sut.Status);
        Assert.Empty(sut.Body);
        Assert.Equal(get.Body.Length, sut.ContentLength);
        Assert.Equal("image/webp", sut.ContentType);
        Assert.All([.. SameHeaders, "Content-Type", "Content-Length"], name => Assert.Equal(get.Header(name), sut.Header(name)));
        AssertSameCacheControl(get, sut);
    }

    /// <summary>The same directives; max-age counts down, so the later answer may be a second or two shorter, never longer.</summary>
    private static void AssertSameCacheControl(Reply first, Reply later)
    {
        var expected = CacheControl.Parse(first.Header("Cache-Control"));
        var actual = CacheControl.Parse(later.Header("Cache-Control"));
        Assert.Equal(expected.Names.Order(), actual.Names.Order());
        Assert.InRange(actual.Seconds("max-age"), expected.Seconds("max-age") - 2, expected.Seconds("max-age"));
        Assert.True(actual.Seconds("max-age") > 0);
        Assert.Equal(expected.Seconds("stale-while-revalidate"), actual.Seconds("stale-while-revalidate"));
        Assert.Equal(expected.Seconds("stale-if-error"), actual.Seconds("stale-if-error"));
        Assert.True(actual.Has("public"));
    }
}
