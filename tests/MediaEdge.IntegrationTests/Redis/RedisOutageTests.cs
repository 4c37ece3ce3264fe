using System.Diagnostics;
using MediaEdge.Caching;
using MediaEdge.IntegrationTests.Caching;
using MediaEdge.Origins;
using Microsoft.Extensions.DependencyInjection;

namespace MediaEdge.IntegrationTests.Redis;

/// <summary>
/// Redis is an accelerator, never a dependency: killed (SIGKILL) in the middle of a run of requests, it costs no failed
/// response, and once it is started again on the same port the nodes use it again by themselves, without a restart.
/// </summary>
public sealed class RedisOutageTests(ITestOutputHelper output)
{
    private const int Requests = 500;
    private const int Variants = 20;
    private const int KillAt = 240;
    private const int Concurrency = 8;
    private static readonly TimeSpan ReconnectLimit = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task RedisKilledMidRun_EveryRequestSucceeds_AndL2IsUsedAgainAfterItRestarts()
    {
        await using var redis = new StandaloneRedis();
        await redis.InitializeAsync();
        await using var nodes = await NodeGroup.StartAsync(redis, 3);
        var results = new Outcome[Requests];
        long transformsAtKill = 0;
        using (var slots = new SemaphoreSlim(Concurrency))
        {
            var running = new List<Task>();
            for (var i = 0; i < Requests; i++)
            {
                await slots.WaitAsync();
                if (i == KillAt)
                {
                    redis.Server.Kill();
                    transformsAtKill = nodes.Transforms;
                }

                var index = i;
                running.Add(Task.Run(async () =>
                {
                    try
                    {
                        results[index] = await SendAsync(nodes, index);
                    }
                    finally
                    {
                        slots.Release();
                    }
                }));
            }

            await Task.WhenAll(running);
        }

        var failed = results.Where(r => r.Status != HttpStatusCode.OK).ToArray();
        Assert.True(failed.Length == 0, $"{failed.Length} of {Requests} requests failed: " + string.Join("; ", failed.Take(10)));
        Assert.All(results.GroupBy(r => r.Width), variant => Assert.Single(variant.Select(r => r.ETag).Distinct()));
        var down = results.Skip(KillAt).ToArray();
        output.WriteLine($"Transforms: {transformsAtKill} for the {((KillAt - 1) * Variants / Requests) + 1} variants asked before the kill, {nodes.Transforms} in all for {Variants} variants ({nodes.Transforms - Variants} computed again by a node that could not share).");
        output.WriteLine($"Answers while Redis was down: {down.Count(r => r.Tier == "miss")} computed locally, {down.Count(r => r.Tier == "hit-l1")} from L1, {down.Count(r => r.Tier == "hit-l2")} from L2 (before the kill landed).");
        output.WriteLine($"Slowest answer before the kill {results.Take(KillAt).Max(r => r.Milliseconds):0} ms, after {down.Max(r => r.Milliseconds):0} ms; breakers: {string.Join(", ", nodes.Nodes.Select(n => n.Redis!.BreakerState))}.");

        await redis.Server.RestartAsync();
        var restarted = Stopwatch.StartNew();
        var (a, b) = (nodes[0], nodes[1]);
        for (var probe = 0; ; probe++)
        {
            var url = $"/img/local/small.jpg?w={400 + probe}&fm=webp";
            Assert.Equal(HttpStatusCode.OK, (await a.GetAsync(url)).Status);
            var transforms = b.Transforms;
            var onB = await b.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, onB.Status);
            if (onB.CacheTier() == "hit-l2")
            {
                Assert.Equal(transforms, b.Transforms);
                output.WriteLine($"L2 shared again {restarted.ElapsedMilliseconds} ms after Redis restarted, at probe {probe + 1}.");
                break;
            }

            Assert.True(restarted.Elapsed < ReconnectLimit, $"Nodes A and B did not share L2 again within {ReconnectLimit.TotalSeconds} s of Redis restarting (B answered {onB.CacheTier()}).");
            await Task.Delay(100);
        }

        Assert.Equal(BreakerState.Closed, a.Redis!.BreakerState);
        Assert.Equal(BreakerState.Closed, b.Redis!.BreakerState);
    }

    [Fact]
    public async Task RedisKilledWhileANodeWaitsForAnotherNodesResult_ItComputesAloneWithoutWaitingForTheLock()
    {
        const string url = "/img/held/photo.jpg?w=100&fm=webp";
        var folder = Directory.CreateTempSubdirectory("mediaedge-held-");
        File.Copy(Path.Combine(MediaFolder.Shared.Root, "small.jpg"), Path.Combine(folder.FullName, "photo.jpg"));
        var origin = new CountingOrigin("held", folder.FullName);
        var holder = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        origin.HoldFirstRead = holder.Task;
        try
        {
            await using var redis = new StandaloneRedis();
            await redis.InitializeAsync();
            await using var nodes = await NodeGroup.StartAsync(redis, 2, services: s => s.AddSingleton(new NamedOrigin("held", origin)));
            var (a, b) = (nodes[0], nodes[1]);

            // A takes the cluster-wide lock and computes, held at its origin read; B finds the lock taken and waits for A's result.
            var onA = a.GetAsync(url);
            await Eventually.UntilAsync(() => origin.Reads == 1, "A to read the origin", TimeSpan.FromSeconds(10));
            var onB = b.GetAsync(url);
            await Eventually.UntilAsync(() => b.Services.GetRequiredService<TieredCache>().Waiting == 1, "B to wait for A", TimeSpan.FromSeconds(10));
            await Task.Delay(300);

            redis.Server.Kill();
            var killed = Stopwatch.StartNew();
            var fromB = await onB.WaitAsync(TimeSpan.FromSeconds(60));
            var waited = killed.Elapsed;
            holder.SetResult();
            var fromA = await onA.WaitAsync(TimeSpan.FromSeconds(60));

            output.WriteLine($"B answered {waited.TotalMilliseconds:0} ms after Redis was killed, while A still computed.");
            Assert.Equal(HttpStatusCode.OK, fromB.Status);
            Assert.Equal(HttpStatusCode.OK, fromA.Status);
            Assert.Equal("miss", fromB.CacheTier());
            Assert.Equal(fromA.Body, fromB.Body);
            Assert.True(waited < TimeSpan.FromSeconds(5), $"B waited {waited.TotalSeconds:0.0} s for a result that could not come (until the compute lock expires).");
        }
        finally
        {
            holder.TrySetResult();
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Request i asks node i mod 3 for variant i * Variants / Requests: each variant 25 times in a row, spread over the nodes.</summary>
    private static async Task<Outcome> SendAsync(NodeGroup nodes, int index)
    {
        var width = 40 + (12 * (index * Variants / Requests));
        var started = Stopwatch.GetTimestamp();
        var reply = await nodes[index % 3].GetAsync("/img/local/small.jpg?fm=webp&w=" + width.ToString(CultureInfo.InvariantCulture));
        return new Outcome(width, reply.Status, reply.Header("ETag"), reply.CacheTier(), Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    private sealed record Outcome(int Width, HttpStatusCode Status, string? ETag, string? Tier, double Milliseconds);
}
