using System.Collections.Concurrent;
using MediaEdge.IntegrationTests.Security;

namespace MediaEdge.IntegrationTests.Fuzz;

/// <summary>
/// Oversized requests are refused by Kestrel before MediaEdge sees them (headers over 32 KiB: 431; a request line over
/// 8 KiB: 414), hundreds at a time, and the node serves the next request as usual.
/// </summary>
public sealed class KestrelLimitTests : IClassFixture<FuzzServer>
{
    private const int Requests = 320;
    private const int Workers = 16;
    private readonly FuzzServer _fixture;

    public KestrelLimitTests(FuzzServer fixture)
    {
        _fixture = fixture;
    }

    public static TheoryData<string> Shapes => ["40 KB Accept", "40 KB Cookie", "64 KB custom header", "200 headers of 200 bytes", "9 KB request line", "40 KB request line"];

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task OversizedRequests_HundredsAtOnce_AreRefusedWith4xx_AndTheNodeServesOn(string shape)
    {
        using var client = _fixture.CreateClient(out var guard);
        var statuses = new ConcurrentQueue<HttpStatusCode>();
        var next = 0;

        await Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) <= Requests)
            {
                using var request = Oversized(client, shape, Random.Shared);
                statuses.Enqueue((await client.SendReplyAsync(request)).Status);
            }
        })));

        var expected = shape.EndsWith("request line", StringComparison.Ordinal) ? HttpStatusCode.RequestUriTooLong : HttpStatusCode.RequestHeaderFieldsTooLarge;
        Assert.Equal(Requests, statuses.Count);
        Assert.All(statuses, status => Assert.Equal(expected, status));
        guard.AssertNoServerFailure();
        var after = await client.GetReplyAsync("/img/fuzz/tiny.jpg?w=32");
        Assert.Equal(HttpStatusCode.OK, after.Status);
        Assert.Equal((32, 24), Pixels.Size(after.Body));
    }

    /// <summary>Headers just under the limit are an ordinary request: a 24 KB Accept is negotiated, not refused.</summary>
    [Fact]
    public async Task LongButAllowedAccept_IsNegotiated()
    {
        using var client = _fixture.CreateClient(out var guard);
        var accept = string.Join(",", Enumerable.Repeat("image/x-unknown;q=0.1", 1100)) + ",image/webp";

        var sut = await client.GetReplyAsync("/img/fuzz/tiny.jpg?w=20&auto=format", accept);

        Assert.Equal(HttpStatusCode.OK, sut.Status);
        Assert.True(Magic.IsWebp(sut.Body));
        guard.AssertNoServerFailure();
    }

    private static HttpRequestMessage Oversized(HttpClient client, string shape, Random random)
    {
        var filler = new string((char)('a' + random.Next(26)), 1);
        var request = shape switch
        {
            "9 KB request line" => new HttpRequestMessage(HttpMethod.Get, client.RawUri("/img/fuzz/tiny.jpg?w=10&x=" + new string('x', 9 * 1024))),
            "40 KB request line" => new HttpRequestMessage(HttpMethod.Get, client.RawUri("/img/fuzz/" + new string('k', 40 * 1024) + ".jpg")),
            _ => new HttpRequestMessage(HttpMethod.Get, client.RawUri("/img/fuzz/tiny.jpg?w=10")),
        };
        switch (shape)
        {
            case "40 KB Accept":
                request.Headers.TryAddWithoutValidation("Accept", string.Concat(Enumerable.Repeat("image/webp;q=0.9," + filler, 40 * 1024 / 18)));
                break;
            case "40 KB Cookie":
                request.Headers.TryAddWithoutValidation("Cookie", string.Join("; ", Enumerable.Range(0, 2000).Select(i => $"c{i}={filler}{i:D12}")));
                break;
            case "64 KB custom header":
                request.Headers.TryAddWithoutValidation("X-Padding", new string('p', 64 * 1024));
                break;
            case "200 headers of 200 bytes":
                for (var i = 0; i < 200; i++)
                {
                    request.Headers.TryAddWithoutValidation($"X-Pad-{i}", new string('h', 200));
                }

                break;
        }

        return request;
    }
}
