using System.Diagnostics;
using MediaEdge.IntegrationTests.Operations;

namespace MediaEdge.IntegrationTests.Tenancy;

/// <summary>
/// Isolation between sources (issue 16's acceptance): a flood on one source, past its rate limits and asking for expensive
/// transforms, gets 429s, and another source's latency stays within twice its unloaded value. Alone in its collection, so
/// other tests' load is not measured. The flood's four clients send a request every 40 ms each, not waiting for answers:
/// five times the source's RequestsPerSecond, paced so that the test process itself (which is the flood's clients, the
/// node and the quiet source's client, on the same two cores) does not take the cores it measures.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class NoisyNeighbourTests(NoisyNeighbourTests.NeighbourServer fixture, ITestOutputHelper output) : ServerTest(fixture), IClassFixture<NoisyNeighbourTests.NeighbourServer>
{
    private const int Samples = 40;
    private const int FloodClients = 4;
    private const int FloodRequestsEach = 150;

    [Fact]
    public async Task AFloodOnOneSource_Gets429s_AndLeavesAnotherSourcesP95WithinTwiceItsUnloadedValue()
    {
        await Client.GetOkAsync("/img/flood/colorful-cups.jpg?w=64");

        // The first renders of a node are slow with compiling; they are not the quiet source's steady latency.
        await QuietP95Async(quality: 70);

        var unloaded = await QuietP95Async(quality: 80);
        var floodStarted = Stopwatch.GetTimestamp();
        using var stop = new CancellationTokenSource();
        var flood = Enumerable.Range(0, FloodClients).Select(client => FloodAsync(client, stop.Token)).ToArray();
        var loaded = await QuietP95Async(quality: 81);
        await stop.CancelAsync();
        var statuses = (await Task.WhenAll(flood)).SelectMany(s => s).ToList();

        var floodTook = Stopwatch.GetElapsedTime(floodStarted);
        var floodUsage = await Client.UsageAsync(TenantServer.AdminKey, "flood");
        var quietUsage = await Client.UsageAsync(TenantServer.AdminKey, "quiet");
        output.WriteLine($"over {floodTook.TotalSeconds:0.0} s the flood used {floodUsage["transformMilliseconds"] / 1000:0.00} s of transform time ({floodUsage["variants"]} variants); the quiet source {quietUsage["transformMilliseconds"] / 1000:0.00} s ({quietUsage["variants"]})");
        var refused = statuses.Count(s => s == HttpStatusCode.TooManyRequests);
        output.WriteLine($"quiet p95 unloaded {unloaded.TotalMilliseconds:0} ms, under the flood {loaded.TotalMilliseconds:0} ms ({loaded / unloaded:0.00}x); flood: {statuses.Count} requests, {refused} refused with 429, {statuses.Count(s => s == HttpStatusCode.OK)} served");
        Assert.True(refused > 0, "the flood was never refused");
        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.OK or HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable, s.ToString()));
        Assert.True(loaded <= 2 * unloaded, $"the quiet source's p95 went from {unloaded.TotalMilliseconds:0} ms to {loaded.TotalMilliseconds:0} ms under the flood");
    }

    /// <summary>The quiet source's p95 over <see cref="Samples"/> distinct transforms asked one after another: the same work at every <paramref name="quality"/>.</summary>
    private async Task<TimeSpan> QuietP95Async(int quality)
    {
        var times = new List<TimeSpan>();
        for (var i = 0; i < Samples; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var reply = await Client.GetReplyAsync($"/img/quiet/colorful-cups.jpg?w={300 + i}&q={quality}&fm=webp");
            times.Add(Stopwatch.GetElapsedTime(started));
            Assert.Equal(HttpStatusCode.OK, reply.Status);
            Assert.Equal("miss", reply.Header("Server-Timing")?.Split(',')[0].Split('=')[1]);
        }

        times.Sort();
        output.WriteLine($"q={quality}: " + string.Join(" ", times.Select(t => t.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture))));
        return times[(int)Math.Ceiling(0.95 * Samples) - 1];
    }

    /// <summary>
    /// One flooding client: a request for a distinct large render of the flood source every 40 ms, not waiting for the
    /// answers (a flood does not slow down for them), until stopped or done; the statuses once all are answered.
    /// </summary>
    private async Task<HttpStatusCode[]> FloodAsync(int client, CancellationToken stop)
    {
        var sent = new List<Task<Reply>>();
        using var http = Server.CreateClient(out _);
        for (var i = 0; i < FloodRequestsEach && !stop.IsCancellationRequested; i++)
        {
            sent.Add(http.GetReplyAsync($"/img/flood/colorful-cups.jpg?w={1000 + (client * FloodRequestsEach) + i}&q=95&fm=webp"));
            try
            {
                await Task.Delay(40, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return [.. (await Task.WhenAll(sent)).Select(reply => reply.Status)];
    }

    public sealed class NeighbourServer : ServerFixture
    {
        protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
        {
            ["MediaEdge:Admin:Keys:0"] = TenantServer.AdminKey,
            ["MediaEdge:Limits:MaxConcurrentTransforms"] = "2",
            // Every render decodes its source: the quiet source's renders cost the same in both phases.
            ["MediaEdge:Imaging:LadderBytes"] = "0",
            ["MediaEdge:Sources:quiet:Root"] = MediaFolder.Shared.Root,
            ["MediaEdge:Sources:flood:Root"] = MediaFolder.Shared.Root,
            ["MediaEdge:Sources:flood:RateLimit:RequestsPerSecond"] = "20",
            ["MediaEdge:Sources:flood:RateLimit:TransformSecondsPerSecond"] = "0.1",
        };
    }
}
