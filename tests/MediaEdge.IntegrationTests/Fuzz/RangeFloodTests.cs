using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace MediaEdge.IntegrationTests.Fuzz;

/// <summary>
/// Range headers built to cost: a thousand ranges, overlapping ranges, every byte asked for many times. More than 16
/// ranges are answered with the whole; overlapping ones are coalesced, so no response is larger than the original
/// plus the multipart framing.
/// </summary>
public sealed class RangeFloodTests : IClassFixture<FuzzServer>
{
    private readonly FuzzServer _fixture;
    private readonly ITestOutputHelper _output;

    public RangeFloodTests(FuzzServer fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    public static TheoryData<string, string> ThousandRanges => new()
    {
        { "every other byte", string.Join(",", Enumerable.Range(0, 1000).Select(i => $"{i * 2}-{i * 2}")) },
        { "the whole, a thousand times", string.Join(",", Enumerable.Repeat("0-", 1000)) },
        { "suffixes", string.Join(",", Enumerable.Range(1, 1000).Select(i => $"-{i}")) },
        { "beyond the end", string.Join(",", Enumerable.Range(0, 1000).Select(i => $"{5_000_000 + i}-")) },
    };

    [Theory]
    [MemberData(nameof(ThousandRanges))]
    public async Task AThousandRanges_TwoHundredAtOnce_AreAnsweredWithTheWhole(string what, string ranges)
    {
        using var client = _fixture.CreateClient(out var guard);
        var replies = new ConcurrentQueue<Reply>();
        var started = Stopwatch.GetTimestamp();

        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) <= 200)
            {
                replies.Enqueue(await client.GetReplyAsync($"/o/fuzz/{FuzzMedia.LargeOriginalKey}", null, ("Range", "bytes=" + ranges)));
            }
        })));

        var elapsed = Stopwatch.GetElapsedTime(started);
        _output.WriteLine($"{what}: {replies.Count} requests with {ranges.Length} bytes of Range in {elapsed.TotalMilliseconds:0} ms");
        var whole = File.ReadAllBytes(_fixture.Media.PathOf(FuzzMedia.LargeOriginalKey));
        Assert.All(replies, r =>
        {
            Assert.Equal(HttpStatusCode.OK, r.Status);
            Assert.Equal(whole.Length, r.Body.Length);
        });
        Assert.True(replies.All(r => r.Body.AsSpan().SequenceEqual(whole)), $"{what}: a body differs from the original");
        guard.AssertNoServerFailure();
    }

    [Fact]
    public async Task SixteenOverlappingWholeRanges_AreCoalescedIntoOne()
    {
        using var client = _fixture.CreateClient(out var guard);

        var sut = await client.GetReplyAsync($"/o/fuzz/{FuzzMedia.LargeOriginalKey}", null, ("Range", "bytes=" + string.Join(",", Enumerable.Range(0, 16).Select(i => $"{i}-"))));

        Assert.Equal(HttpStatusCode.PartialContent, sut.Status);
        Assert.Equal($"bytes 0-{FuzzMedia.LargeOriginalLength - 1}/{FuzzMedia.LargeOriginalLength}", sut.Header("Content-Range"));
        Assert.Equal(FuzzMedia.LargeOriginalLength, sut.Body.Length);
        guard.AssertNoServerFailure();
    }

    /// <summary>Sixteen disjoint ranges covering the whole: one copy of every byte, plus framing, not more.</summary>
    [Fact]
    public async Task SixteenDisjointRanges_AreOneCopyOfEachByte()
    {
        using var client = _fixture.CreateClient(out var guard);
        const int part = FuzzMedia.LargeOriginalLength / 16;
        var ranges = string.Join(",", Enumerable.Range(0, 16).Select(i => $"{i * part}-{(i * part) + part - 2}"));

        var sut = await client.GetReplyAsync($"/o/fuzz/{FuzzMedia.LargeOriginalKey}", null, ("Range", "bytes=" + ranges));

        Assert.Equal(HttpStatusCode.PartialContent, sut.Status);
        Assert.InRange(sut.Body.Length, FuzzMedia.LargeOriginalLength - 16, FuzzMedia.LargeOriginalLength + (16 * 256));
        var boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(sut.Header("Content-Type")).Boundary).Value!;
        var reader = new MultipartReader(boundary, new MemoryStream(sut.Body));
        var parts = 0;
        while (await reader.ReadNextSectionAsync() is not null)
        {
            parts++;
        }

        Assert.Equal(16, parts);
        guard.AssertNoServerFailure();
    }
}
