using System.IO.Compression;
using System.Text;

namespace MediaEdge.IntegrationTests.Shield.Rfc9111;

/// <summary>
/// RFC 9110 §7.6.1 and RFC 9111 §3.1 on /o/: end-to-end header fields pass both ways, verbatim, on a miss and again from
/// storage; hop-by-hop ones (and those named in Connection) do not; the origin is asked with its own Host.
/// </summary>
public sealed class HeaderPassThroughTests
{
    private const string Body = "a representation with headers";

    [Theory]
    [InlineData("Expires", "{T+600}")]
    [InlineData("Content-Disposition", "inline; filename=\"doc.bin\"")]
    [InlineData("Content-Language", "de-AT, en")]
    [InlineData("Link", "</style.css>; rel=preload; as=style, </app.js>; rel=preload; as=script")]
    [InlineData("Access-Control-Allow-Origin", "*")]
    [InlineData("Content-Security-Policy", "default-src 'self'; img-src https:")]
    [InlineData("CDN-Cache-Control", "max-age=600")]
    [InlineData("Set-Cookie2", "a=b; Version=1")]
    [InlineData("X-Frame-Options", "DENY")]
    [InlineData("Clear-Site-Data", "\"cache\", \"cookies\"")]
    [InlineData("Content-Location", "/doc.v1")]
    [InlineData("X-Custom-Header", "custom value, with a comma")]
    [InlineData("Test-Header", "test value")]
    [InlineData("Date", "{T-5}")]
    public async Task EndToEndResponseHeader_IsReturnedVerbatim_OnAMissAndAgainFromStorage(string name, string value)
    {
        await using var sut = await ScriptedShield.StartAsync([OriginReply.Of(200, Body, "Cache-Control: public, max-age=600", $"{name}: {value}")]);
        var expected = sut.Template.Resolve(value);

        var miss = await sut.GetAsync("doc");
        sut.Clock.Advance(TimeSpan.FromSeconds(10));
        var stored = await sut.GetAsync("doc");

        Assert.Equal(1, sut.Origin.Count);
        Assert.Equal((200, 200), (miss.Status, stored.Status));
        Assert.Equal((Body, Body), (miss.Text, stored.Text));
        Assert.Equal(expected, miss.Header(name));
        Assert.Equal(expected, stored.Header(name));
        Assert.NotNull(stored.Age);
        Assert.Equal(("nosniff", "nosniff"), (miss.Header("X-Content-Type-Options"), stored.Header("X-Content-Type-Options")));
    }

    [Fact]
    public async Task ContentEncodingGzip_IsReturnedWithTheCompressedBytesUntouched_OnAMissAndFromStorage()
    {
        var text = string.Concat(Enumerable.Repeat("compressible text. ", 200));
        var gzip = Gzip(text);
        await using var sut = await ScriptedShield.StartAsync(
            [new OriginReply(200, [new("Cache-Control", "max-age=600"), new("Content-Encoding", "gzip"), new("Content-Type", "text/plain")], gzip)]);

        var miss = await sut.GetAsync("doc.txt", "Accept-Encoding: gzip");
        var stored = await sut.GetAsync("doc.txt", "Accept-Encoding: gzip");

        Assert.Equal(1, sut.Origin.Count);
        Assert.Equal(("gzip", "gzip"), (miss.Header("Content-Encoding"), stored.Header("Content-Encoding")));
        Assert.Equal(gzip, miss.Body);
        Assert.Equal(gzip, stored.Body);
        Assert.Equal(text, Gunzip(stored.Body));
    }

    [Theory]
    [InlineData("Keep-Alive", "timeout=5, max=100")]
    [InlineData("Proxy-Connection", "keep-alive")]
    [InlineData("TE", "trailers")]
    [InlineData("Upgrade", "h2c")]
    [InlineData("Proxy-Authenticate", "Basic realm=\"origin-proxy\"")]
    [InlineData("Proxy-Authorization", "Basic b3JpZ2luOnByb3h5")]
    [InlineData("Proxy-Authentication-Info", "nextnonce=\"abc\"")]
    [InlineData("Trailer", "X-Checksum")]
    public async Task HopByHopResponseHeader_IsNotReturned_OnAMissOrFromStorage(string name, string value)
    {
        await using var sut = await ScriptedShield.StartAsync([OriginReply.Of(200, Body, "Cache-Control: max-age=600", $"{name}: {value}", "X-End-To-End: kept")]);

        var miss = await sut.GetAsync("doc");
        var stored = await sut.GetAsync("doc");

        Assert.Equal(1, sut.Origin.Count);
        Assert.Equal((Body, Body), (miss.Text, stored.Text));
        Assert.Null(miss.Header(name));
        Assert.Null(stored.Header(name));
        Assert.Equal(("kept", "kept"), (miss.Header("X-End-To-End"), stored.Header("X-End-To-End")));
    }

    [Fact]
    public async Task ConnectionFromTheOrigin_AndTheHeadersItNames_AreNotReturned_OthersAre()
    {
        await using var sut = await ScriptedShield.StartAsync(
            [OriginReply.Of(200, Body, "Cache-Control: max-age=600", "Connection: X-Listed-A, x-listed-b", "X-Listed-A: 1", "X-Listed-B: 2", "X-Unlisted: 3")]);

        var miss = await sut.GetAsync("doc");
        var stored = await sut.GetAsync("doc");

        Assert.Equal(1, sut.Origin.Count);
        foreach (var reply in new[] { miss, stored })
        {
            Assert.Null(reply.Header("X-Listed-A"));
            Assert.Null(reply.Header("X-Listed-B"));
            Assert.DoesNotContain("listed", reply.Header("Connection") ?? "", StringComparison.OrdinalIgnoreCase);
            Assert.Equal("3", reply.Header("X-Unlisted"));
        }
    }

    [Theory]
    [InlineData("X-Custom-Request", "custom, with a comma")]
    [InlineData("Accept-Encoding", "gzip, br")]
    [InlineData("Cookie", "session=abc; theme=dark")]
    [InlineData("User-Agent", "Rfc9111Tests/1.0 (conformance)")]
    [InlineData("Req-Num", "7")]
    public async Task EndToEndRequestHeader_ReachesTheOrigin_OnAMiss(string name, string value)
    {
        await using var sut = await ScriptedShield.StartAsync([OriginReply.Of(200, Body, "Cache-Control: max-age=600")]);

        var reply = await sut.GetAsync("doc", $"{name}: {value}");

        Assert.Equal(200, reply.Status);
        Assert.Equal(value, Assert.Single(sut.Origin.Requests).Header(name));
    }

    [Theory]
    [InlineData("Keep-Alive", "timeout=5")]
    [InlineData("Proxy-Connection", "keep-alive")]
    [InlineData("TE", "trailers")]
    [InlineData("Upgrade", "websocket")]
    [InlineData("Proxy-Authorization", "Basic Y2xpZW50OnByb3h5")]
    public async Task HopByHopRequestHeader_DoesNotReachTheOrigin(string name, string value)
    {
        await using var sut = await ScriptedShield.StartAsync([OriginReply.Of(200, Body, "Cache-Control: max-age=600")]);

        var reply = await sut.GetAsync("doc", $"{name}: {value}", "X-End-To-End: kept");

        var forwarded = Assert.Single(sut.Origin.Requests);
        Assert.Equal(200, reply.Status);
        Assert.Null(forwarded.Header(name));
        Assert.Equal("kept", forwarded.Header("X-End-To-End"));
    }

    [Fact]
    public async Task ConnectionFromTheClient_AndTheHeadersItNames_DoNotReachTheOrigin_OthersDo()
    {
        await using var sut = await ScriptedShield.StartAsync([OriginReply.Of(200, Body, "Cache-Control: max-age=600")]);

        var reply = await sut.GetAsync("doc", "Connection: X-Hop-Request", "X-Hop-Request: secret", "X-End-To-End: kept");

        var forwarded = Assert.Single(sut.Origin.Requests);
        Assert.Equal(200, reply.Status);
        Assert.Null(forwarded.Header("X-Hop-Request"));
        Assert.DoesNotContain("X-Hop-Request", forwarded.Header("Connection") ?? "", StringComparison.OrdinalIgnoreCase);
        Assert.Equal("kept", forwarded.Header("X-End-To-End"));
    }

    [Fact]
    public async Task TheOriginIsAskedWithItsOwnHost_NotTheClients()
    {
        await using var sut = await ScriptedShield.StartAsync([OriginReply.Of(200, Body, "Cache-Control: max-age=600")]);

        var reply = await sut.GetAsync("doc", "Host: client-facing.example");

        Assert.Equal(200, reply.Status);
        Assert.Equal(sut.Origin.BaseAddress.Authority, Assert.Single(sut.Origin.Requests).Header("Host"));
    }

    private static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return buffer.ToArray();
    }

    private static string Gunzip(byte[] bytes)
    {
        using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
