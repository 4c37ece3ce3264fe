using MediaEdge.Caching;

namespace MediaEdge.Tests.Caching;

public sealed class SingleFlightTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task RunAsync_FiftyConcurrentCallers_RunTheWorkOnceAndAllGetTheResult()
    {
        var sut = new SingleFlight<string>();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = 0;
        var joined = 0;

        // RunAsync returns once its caller has joined a flight, so counting returns tells when all 50 are in.
        var callers = Enumerable.Range(0, 50)
            .Select(_ => Task.Run(() =>
            {
                var call = sut.RunAsync("key", async () =>
                {
                    Interlocked.Increment(ref runs);
                    await release.Task;
                    return "result";
                });
                Interlocked.Increment(ref joined);
                return call;
            }))
            .ToArray();
        await WaitUntil(() => Volatile.Read(ref joined) == 50);
        release.SetResult();
        var results = await Task.WhenAll(callers).WaitAsync(Patience);

        Assert.Equal(1, runs);
        Assert.All(results, r => Assert.Equal("result", r.Value));
        Assert.Single(results, r => !r.Shared);
        Assert.Equal(0, sut.InFlight);
    }

    [Fact]
    public async Task RunAsync_CallersStartedTogether_AllJoinTheSameFlight()
    {
        var sut = new SingleFlight<int>();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = 0;

        var callers = Enumerable.Range(0, 50)
            .Select(_ => sut.RunAsync("key", async () =>
            {
                Interlocked.Increment(ref runs);
                await release.Task;
                return 42;
            }))
            .ToArray();
        release.SetResult();
        var results = await Task.WhenAll(callers).WaitAsync(Patience);

        Assert.Equal(1, runs);
        Assert.All(results, r => Assert.Equal(42, r.Value));
        Assert.Equal(49, results.Count(r => r.Shared));
    }

    [Fact]
    public async Task RunAsync_Failure_IsSharedByEveryWaiterAndTheNextCallRunsAgain()
    {
        var sut = new SingleFlight<int>();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = 0;

        var callers = Enumerable.Range(0, 50)
            .Select(_ => sut.RunAsync("key", async () =>
            {
                Interlocked.Increment(ref runs);
                await release.Task;
                throw new InvalidOperationException("origin down");
            }))
            .ToArray();
        release.SetResult();
        var failures = await Task.WhenAll(callers.Select(c => Assert.ThrowsAsync<InvalidOperationException>(() => c))).WaitAsync(Patience);

        Assert.Equal(1, runs);
        Assert.All(failures, f => Assert.Equal("origin down", f.Message));
        Assert.Equal(0, sut.InFlight);

        var retry = await sut.RunAsync("key", () => Task.FromResult(7));

        Assert.Equal((7, false), retry);
    }

    [Fact]
    public async Task RunAsync_SynchronousThrow_IsNotRememberedForTheNextCall()
    {
        var sut = new SingleFlight<int>();

        await Assert.ThrowsAsync<InvalidOperationException>(() => sut.RunAsync("key", () => throw new InvalidOperationException("boom")));
        var retry = await sut.RunAsync("key", () => Task.FromResult(1));

        Assert.Equal(1, retry.Value);
    }

    [Fact]
    public async Task RunAsync_DifferentKeys_RunSeparately()
    {
        var sut = new SingleFlight<string>();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = 0;

        Task<(string Value, bool Shared)> Run(string key) => sut.RunAsync(key, async () =>
        {
            Interlocked.Increment(ref runs);
            await release.Task;
            return key;
        });

        var a = Run("a");
        var b = Run("b");
        Assert.Equal(2, sut.InFlight);
        release.SetResult();

        Assert.Equal("a", (await a).Value);
        Assert.Equal("b", (await b).Value);
        Assert.Equal(2, runs);
    }

    [Fact]
    public async Task RunAsync_AfterAFlightEnds_RunsTheWorkAgain()
    {
        var sut = new SingleFlight<int>();
        var runs = 0;

        await sut.RunAsync("key", () => Task.FromResult(Interlocked.Increment(ref runs)));
        var second = await sut.RunAsync("key", () => Task.FromResult(Interlocked.Increment(ref runs)));

        Assert.Equal(2, second.Value);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(5);
        }
    }
}
