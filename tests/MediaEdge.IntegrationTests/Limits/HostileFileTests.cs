using System.Diagnostics;

namespace MediaEdge.IntegrationTests.Limits;

/// <summary>
/// Every file of the media README's bad/ list gets its documented 4xx, as a problem that must not be cached,
/// within 5 s, alone or twenty at a time, and the node goes on serving.
/// </summary>
[Collection(HostileServer.Collection)]
public sealed class HostileFileTests(HostileServer fixture, ITestOutputHelper output) : ServerTest(fixture)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);

    /// <summary>The file, its status, the problem type, and the limit the problem must name (if any).</summary>
    public static TheoryData<string, int, string, string?> Files => new()
    {
        { "empty.jpg", 415, "unsupported-media", null },
        { "html-named.png", 415, "unsupported-media", null },
        { "random-bytes.jpg", 415, "unsupported-media", null },
        { "random-bytes.mp4", 415, "unsupported-media", null },
        { "truncated.mp4", 415, "unsupported-media", null },
        { "script.svg", 415, "unsupported-media", null },
        { "bomb-900mp.png", 413, "source-too-large", "MaxSourcePixels" },
        { "huge-dims-tiny-data.png", 413, "source-too-large", "MaxSourcePixels" },
        { "huge-dims-frame.jpg", 413, "source-too-large", "MaxSourcePixels" },
        { "frames-3000.gif", 413, "source-too-large", "MaxSourceFrames" },
        { "frames-20-of-36mp.gif", 413, "source-too-large", "MaxAnimationPixels" },
        { "truncated.jpg", 422, "undecodable", null },

        // The shared huge-dims.jpg claims 65000x65000 only in its EXIF thumbnail; its own frame header says 2560x1600,
        // and the file stops 200 KB into the scan: it is a truncated JPEG. huge-dims-frame.jpg above is the attack proper.
        { "huge-dims.jpg", 422, "undecodable", null },
    };

    [EngineTheory]
    [MemberData(nameof(Files))]
    public async Task HostileFile_GetsItsDocumented4xxWithinTheBound_AndTheNodeServesOn(string file, int status, string type, string? limit)
    {
        var started = Stopwatch.GetTimestamp();
        var sut = await Client.GetReplyAsync($"/img/local/bad/{file}?w=300", HttpClientReplies.BrowserAccept);
        var elapsed = Stopwatch.GetElapsedTime(started);

        output.WriteLine($"{file}: {(int)sut.Status} in {elapsed.TotalMilliseconds:0} ms");
        AssertDocumentedProblem(sut, file, status, type, limit);
        Assert.True(elapsed < Bound, $"{file} took {elapsed.TotalMilliseconds:0} ms");
        await AssertServesAsync();
    }

    [EngineFact]
    public async Task HostileFile_ForJson_IsRefusedLikeAnyOtherFormat()
    {
        var sut = await Client.GetReplyAsync("/img/local/bad/bomb-900mp.png?fm=json");

        AssertDocumentedProblem(sut, "bomb-900mp.png", 413, "source-too-large", "MaxSourcePixels");
    }

    [EngineFact]
    public async Task EveryHostileFile_TwentyTimesAtOnce_GetsItsStatus_AndTheNodeServesOn()
    {
        using var process = Process.GetCurrentProcess();
        var peakBefore = process.PeakWorkingSet64;
        var started = Stopwatch.GetTimestamp();
        var requests = Files.SelectMany(row => Enumerable.Range(0, 20).Select(async i =>
        {
            var (file, status, type, limit) = ((string)row[0], (int)row[1], (string)row[2], (string?)row[3]);
            var reply = await Client.GetReplyAsync($"/img/local/bad/{file}?w={300 + i}");
            return (file, status, type, limit, reply);
        })).ToArray();
        var replies = await Task.WhenAll(requests);
        var elapsed = Stopwatch.GetElapsedTime(started);

        process.Refresh();
        output.WriteLine($"{replies.Length} hostile requests at once: {elapsed.TotalMilliseconds:0} ms; test process peak working set {peakBefore >> 20} MiB before, {process.PeakWorkingSet64 >> 20} MiB after");
        Assert.All(replies, r => AssertDocumentedProblem(r.reply, r.file, r.status, r.type, r.limit));
        Assert.True(elapsed < Bound * 2, $"{replies.Length} hostile requests took {elapsed.TotalMilliseconds:0} ms");
        await AssertServesAsync();
    }

    private static void AssertDocumentedProblem(Reply sut, string file, int status, string type, string? limit)
    {
        Assert.True((int)sut.Status == status, $"{file}: expected {status}, got {sut}");
        var problem = sut.Problem();
        Assert.Equal("urn:mediaedge:problem:" + type, problem.GetProperty("type").GetString());
        Assert.Equal("nosniff", sut.Header("X-Content-Type-Options"));
        if (limit is not null)
        {
            Assert.Equal(limit, problem.GetProperty("limit").GetString());
            Assert.Contains(limit, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.False(Magic.Contains(sut.Body, "<script"), $"{file}: the body echoes the script");
    }

    private async Task AssertServesAsync()
    {
        var reply = await Client.GetReplyAsync("/img/local/small.jpg?w=64");
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal((64, 40), Pixels.Size(reply.Body));
    }
}
