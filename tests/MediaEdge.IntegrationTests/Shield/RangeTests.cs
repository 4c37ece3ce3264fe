namespace MediaEdge.IntegrationTests.Shield;

/// <summary>RFC 9110 ranges on /o/: 206 with Content-Range, 416 with <c>bytes */len</c>, multipart/byteranges parsed part by part, If-Range.</summary>
public sealed class RangeTests : ShieldTest
{
    private const int Length = 1000;
    private static readonly byte[] Body = Enumerable.Range(0, Length).Select(i => (byte)(i * 7 % 251)).ToArray();

    private DateTimeOffset _lastModified;

    [Theory]
    [InlineData("bytes=10-19", 10, 19)]
    [InlineData("bytes=-100", 900, 999)]
    [InlineData("bytes=990-", 990, 999)]
    [InlineData("bytes=995-2000", 995, 999)]
    [InlineData("bytes=0-9, 5-19", 0, 19)]
    public async Task SingleRange_Is206_WithContentRangeAndThoseBytes(string range, int start, int end)
    {
        Serve();

        var reply = await GetAsync("r.bin", ("Range", range));

        Assert.Equal(HttpStatusCode.PartialContent, reply.Status);
        Assert.Equal($"bytes {start}-{end}/{Length}", reply.Header("Content-Range"));
        Assert.Equal(end - start + 1, reply.ContentLength);
        Assert.Equal(Body[start..(end + 1)], reply.Body);
        Assert.Equal("application/octet-stream", reply.ContentType);
    }

    [Theory]
    [InlineData("bytes=1000-")]
    [InlineData("bytes=5000-6000")]
    [InlineData("bytes=-0")]
    public async Task UnsatisfiableRange_Is416_WithTheLength(string range)
    {
        Serve();

        var reply = await GetAsync("r.bin", ("Range", range));

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, reply.Status);
        Assert.Equal($"bytes */{Length}", reply.Header("Content-Range"));
        Assert.Empty(reply.Body);
    }

    [Fact]
    public async Task MultipleRanges_AreMultipartByteranges_WhosePartsAreThoseBytes()
    {
        Serve();

        var reply = await GetAsync("r.bin", ("Range", "bytes=500-519, 0-9, -5"));

        Assert.Equal(HttpStatusCode.PartialContent, reply.Status);
        Assert.Equal("multipart/byteranges", reply.ContentType);
        Assert.Null(reply.Header("Content-Range"));
        Assert.Equal(reply.Body.Length, reply.ContentLength);
        var parts = await ByteRangeParts.ReadAsync(reply);
        Assert.Equal(new[] { "bytes 0-9/1000", "bytes 500-519/1000", "bytes 995-999/1000" }, parts.Select(p => p.ContentRange).Order());
        Assert.All(parts, p => Assert.Equal("application/octet-stream", p.ContentType));
        Assert.All(parts, p =>
        {
            var (start, end) = ByteRangeParts.Span(p.ContentRange!);
            Assert.Equal(Body[start..(end + 1)], p.Bytes);
        });
    }

    [Fact]
    public async Task TooManyRanges_AreAnsweredWithTheWhole()
    {
        Serve();
        var ranges = string.Join(",", Enumerable.Range(0, 17).Select(i => $"{i * 50}-{(i * 50) + 9}"));

        var reply = await GetAsync("r.bin", ("Range", "bytes=" + ranges));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(Body, reply.Body);
    }

    [Fact]
    public async Task IfRange_WithAStaleValidator_SendsTheWhole_WithTheCurrentOne_TheRange()
    {
        Serve();
        var lastModified = _lastModified.ToString("R", CultureInfo.InvariantCulture);
        var older = _lastModified.AddHours(-1).ToString("R", CultureInfo.InvariantCulture);

        var staleTag = await GetAsync("r.bin", ("Range", "bytes=0-9"), ("If-Range", "\"r0\""));
        var staleDate = await GetAsync("r.bin", ("Range", "bytes=0-9"), ("If-Range", older));
        var currentTag = await GetAsync("r.bin", ("Range", "bytes=0-9"), ("If-Range", "\"r1\""));
        var currentDate = await GetAsync("r.bin", ("Range", "bytes=0-9"), ("If-Range", lastModified));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (staleTag.Status, staleDate.Status));
        Assert.Equal(Body, staleTag.Body);
        Assert.Equal(Body, staleDate.Body);
        Assert.Null(staleTag.Header("Content-Range"));
        Assert.Equal((HttpStatusCode.PartialContent, HttpStatusCode.PartialContent), (currentTag.Status, currentDate.Status));
        Assert.Equal(Body[..10], currentTag.Body);
        Assert.Equal(Body[..10], currentDate.Body);
    }

    [Fact]
    public async Task Head_WithRange_IsTheWholeHeadersWithoutABody()
    {
        Serve();

        var reply = await Edge.HeadAsync("/o/web/r.bin", ("Range", "bytes=0-9"));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(Length, reply.ContentLength);
        Assert.Equal("bytes", reply.Header("Accept-Ranges"));
        Assert.Empty(reply.Body);
    }

    private void Serve() => _lastModified = PutValidated("r.bin", Body, "\"r1\"");
}
