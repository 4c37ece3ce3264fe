using MediaEdge.IntegrationTests.Origins;

namespace MediaEdge.IntegrationTests.Shield;

/// <summary>RFC 9110 conditionals on /o/: If-None-Match (weak comparison, taking precedence), If-Modified-Since, and HEAD.</summary>
public sealed class ConditionalRequestTests : ShieldTest
{
    private static readonly byte[] Body = SampleBytes.Noise(1500, seed: 3);

    private DateTimeOffset _lastModified;

    [Theory]
    [InlineData("\"c1\"")]
    [InlineData("W/\"c1\"")]
    [InlineData("\"other\", \"c1\"")]
    [InlineData("*")]
    public async Task IfNoneMatch_Matching_Is304_CarryingTheSameHeadersAsThe200(string ifNoneMatch)
    {
        Serve();
        var full = await GetAsync("c.bin");

        var reply = await GetAsync("c.bin", ("If-None-Match", ifNoneMatch));

        Assert.Equal(HttpStatusCode.NotModified, reply.Status);
        Assert.Empty(reply.Body);
        Assert.Equal("\"c1\"", full.Header("ETag"));
        foreach (var header in new[] { "ETag", "Cache-Control", "Last-Modified" })
        {
            Assert.Equal(full.Header(header), reply.Header(header));
        }

        Assert.Equal(1, Origin["c.bin"].Gets);
    }

    [Fact]
    public async Task IfNoneMatch_NotMatching_IsTheWhole200()
    {
        Serve();

        var reply = await GetAsync("c.bin", ("If-None-Match", "\"c0\""));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(Body, reply.Body);
    }

    [Fact]
    public async Task IfModifiedSince_AtOrAfterLastModified_Is304_BeforeIt_200()
    {
        Serve();

        var same = await GetAsync("c.bin", ("If-Modified-Since", Http(_lastModified)));
        var later = await GetAsync("c.bin", ("If-Modified-Since", Http(_lastModified.AddMinutes(5))));
        var earlier = await GetAsync("c.bin", ("If-Modified-Since", Http(_lastModified.AddMinutes(-5))));

        Assert.Equal((HttpStatusCode.NotModified, HttpStatusCode.NotModified), (same.Status, later.Status));
        Assert.Equal("\"c1\"", same.Header("ETag"));
        Assert.Equal(HttpStatusCode.OK, earlier.Status);
        Assert.Equal(Body, earlier.Body);
    }

    [Fact]
    public async Task IfNoneMatch_TakesPrecedenceOverIfModifiedSince()
    {
        Serve();

        var reply = await GetAsync("c.bin", ("If-None-Match", "\"c0\""), ("If-Modified-Since", Http(_lastModified)));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(Body, reply.Body);
    }

    [Fact]
    public async Task Head_HasTheGetHeaders_AndNoBody()
    {
        Serve();

        var head = await Edge.HeadAsync("/o/web/c.bin");
        var get = await GetAsync("c.bin");

        Assert.Equal(HttpStatusCode.OK, head.Status);
        Assert.Empty(head.Body);
        Assert.Equal(Body.Length, head.ContentLength);
        foreach (var header in new[] { "ETag", "Cache-Control", "Last-Modified", "Content-Type", "Accept-Ranges", "Content-Length" })
        {
            Assert.Equal(get.Header(header), head.Header(header));
        }

        Assert.Equal(Body, get.Body);
    }

    [Fact]
    public async Task WithoutAnOriginETag_NoneIsMadeUp_AndIfModifiedSinceAnswers304FromStorage()
    {
        var resource = Origin.Put("plain.bin", Body);
        resource.LastModified = Edge.Clock.GetUtcNow().AddDays(-2);
        resource.CacheControl = "public, max-age=600";
        var full = await GetAsync("plain.bin");

        var reply = await GetAsync("plain.bin", ("If-Modified-Since", full.Header("Last-Modified")!));

        Assert.Null(full.Header("ETag"));
        Assert.Equal(HttpStatusCode.NotModified, reply.Status);
        Assert.Equal(full.Header("Last-Modified"), reply.Header("Last-Modified"));
        Assert.Equal(1, resource.Gets);
    }

    private void Serve() => _lastModified = PutValidated("c.bin", Body, "\"c1\"");

    private static string Http(DateTimeOffset date) => date.ToString("R", CultureInfo.InvariantCulture);
}
