using MediaEdge.Caching;

namespace MediaEdge.Tests.Caching;

public sealed class SingleFlightTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task RunAsync_FiftyConcurrentCallers_RunTheWorkOnceAndAllGetTheResult()
    {
        var sut = new SingleFlight<string>();
        var work = new HeldWork();
        var joined = 0;

        // RunAsync returns once its caller has joined a flight, so counting returns tells when all 50 are in.
        var callers = Enumerable.Range(0, 50)
            .Select(_ => Task.Run(() =>
            {
                var call = sut.RunAsync("key", work.Then(() => "result"));
                Interlocked.Increment(ref joined);
                return call;
            }))
            .ToArray();
        await WaitUntil(() => Volatile.Read(ref joined) == 50);
        work.Release();
        var results = await Task.WhenAll(callers).WaitAsync(Patience);

        Assert.Equal(1, work.Runs);
        Assert.All(results, r => Assert.Equal("result", r.Value));
        Assert.Single(results, r => !r.Shared);
        Assert.Equal(0, sut.InFlight);
    }

    [Fact]
    public async Task RunAsync_CallersStartedTogether_AllJoinTheSameFlight()
    {
        var sut = new SingleFlight<int>();
        var work = new HeldWork();

        var callers = Enumerable.Range(0, 50).Select(_ => sut.RunAsync("key", work.Then(() => 42))).ToArray();
        work.Release();
        var results = await Task.WhenAll(callers).WaitAsync(Patience);

        Assert.Equal(1, work.Runs);
        Assert.All(results, r => Assert.Equal(42, r.Value));
        Assert.Equal(49, results.Count(r => r.Shared));
    }

    [Fact]
    public async Task RunAsync_Failure_IsSharedByEveryWaiterAndTheNextCallRunsAgain()
    {
        var sut = new SingleFlight<int>();
        var work = new HeldWork();

        var callers = Enumerable.Range(0, 50).Select(_ => sut.RunAsync("key", work.Then<int>(() => throw new InvalidOperationException("origin down")))).ToArray();
        work.Release();
        var failures = await Task.WhenAll(callers.Select(c => Assert.ThrowsAsync<InvalidOperationException>(() => c))).WaitAsync(Patience);

        Assert.Equal(1, work.Runs);
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
        var work = new HeldWork();

        var a = sut.RunAsync("a", work.Then(() => "a"));
        var b = sut.RunAsync("b", work.Then(() => "b"));
        Assert.Equal(2, sut.InFlight);
        work.Release();

        Assert.Equal("a", (await a).Value);
        Assert.Equal("b", (await b).Value);
        Assert.Equal(2, work.Runs);
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

    /// <summary>Work that counts its runs and ends only once released.</summary>
    private sealed class HeldWork
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _runs;

        public int Runs => Volatile.Read(ref _runs);

        public void Release() => _release.SetResult();

        /// <summary>The work: it counts a run, waits for <see cref="Release"/>, then gives what <paramref name="end"/> gives, or throws what it throws.</summary>
        public Func<Task<T>> Then<T>(Func<T> end) => async () =>
        {
            Interlocked.Increment(ref _runs);
            await _release.Task;
            return end();
        };
    }
}
