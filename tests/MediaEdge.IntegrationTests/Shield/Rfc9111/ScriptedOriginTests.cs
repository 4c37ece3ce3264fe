using System.Net.Sockets;
using System.Text;

namespace MediaEdge.IntegrationTests.Shield.Rfc9111;

/// <summary>The scripted origin itself: what the table cases rely on it to put on the wire, read back as raw bytes.</summary>
public sealed class ScriptedOriginTests
{
    [Fact]
    public async Task AReplyWithoutDate_HasNoDateLine_OthersCarryTheClocksDate()
    {
        var clock = MediaEdgeServer.NewClock();
        await using var sut = await ScriptedOrigin.StartAsync(clock, r => r.Target == "/none" ? OriginReply.Of(200, "x") with { WithoutDate = true } : OriginReply.Of(200, "x"));

        var without = await RawAsync(sut, "GET /none HTTP/1.1\r\nHost: o\r\nConnection: close\r\n\r\n");
        var with = await RawAsync(sut, "GET /some HTTP/1.1\r\nHost: o\r\nConnection: close\r\n\r\n");

        Assert.DoesNotContain("\r\nDate:", without, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("HTTP/1.1 200", without, StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\nx", without, StringComparison.Ordinal);
        Assert.Contains($"\r\nDate: {clock.GetUtcNow():R}\r\n", with, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HeaderLines_GoOutInOrder_RepeatedNamesAsSeparateLines_ObsTextAsTheBytesGiven()
    {
        await using var sut = await ScriptedOrigin.StartAsync(MediaEdgeServer.NewClock(),
            _ => OriginReply.Of(304, "", "Expires: first", "Expires: second", "ETag: \"caf\u00e9\u00ff\u0080\"", "Date: scripted", "Content-Length: 999"));

        var raw = await RawAsync(sut, "GET /x HTTP/1.1\r\nHost: o\r\nConnection: close\r\n\r\n");

        Assert.Contains("\r\nExpires: first\r\nExpires: second\r\n", raw, StringComparison.Ordinal);
        Assert.Contains("\r\nETag: \"caf\u00e9\u00ff\u0080\"\r\n", raw, StringComparison.Ordinal);
        Assert.Contains("\r\nDate: scripted\r\n", raw, StringComparison.Ordinal);
        Assert.Single(raw.Split("\r\nDate:"), part => !part.StartsWith("HTTP/", StringComparison.Ordinal));
        Assert.Contains("\r\nContent-Length: 999\r\n", raw, StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 304", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryRequest_IsRecorded_WithMethodTargetHeadersAndBody_AndTheScriptIsFollowedInOrder()
    {
        await using var sut = await ScriptedOrigin.StartAsync(MediaEdgeServer.NewClock(), r => OriginReply.Of(200 + r.Index, $"reply {r.Index}"));

        var first = await RawAsync(sut, "POST /a?b=1&c HTTP/1.1\r\nHost: o\r\nX-Obs: \u00e9\u00fe\r\nContent-Length: 4\r\nConnection: close\r\n\r\nbody");
        var second = await RawAsync(sut, "GET /z HTTP/1.1\r\nHost: o\r\nConnection: close\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 200", first, StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 201", second, StringComparison.Ordinal);
        var recorded = sut.Requests[0];
        Assert.Equal(("POST", "/a?b=1&c", "\u00e9\u00fe", "body"), (recorded.Method, recorded.Target, recorded.Header("X-Obs"), Encoding.UTF8.GetString(recorded.Body)));
        Assert.Equal((2, "/z"), (sut.Count, sut.Requests[1].Target));
    }

    private static async Task<string> RawAsync(ScriptedOrigin origin, string request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(origin.BaseAddress.Host, origin.BaseAddress.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(request));
        using var answer = new MemoryStream();
        await stream.CopyToAsync(answer);
        return Encoding.Latin1.GetString(answer.ToArray());
    }
}
