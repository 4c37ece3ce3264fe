using MediaEdge.Limits;
using MediaEdge.Requests;

namespace MediaEdge.Tests.Limits;

public sealed class TransformGateTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task RunAsync_Work_ReturnsItsResultAndFreesTheSlot()
    {
        var sut = new TransformGate(new LimitsOptions { MaxConcurrentTransforms = 1, MaxQueuedTransforms = 0 });

        var first = await sut.RunAsync(_ => 1);
        var second = await sut.RunAsync(_ => 2);

        Assert.Equal((1, 2), (first, second));
        await WaitUntil(() => sut.Pending == 0);
    }

    [Fact]
    public async Task RunAsync_ManyInstantTransforms_AllReturnTheirResult()
    {
        // Work that ends before the caller awaits it must not trip over the gate's own clean-up.
        var sut = new TransformGate(new LimitsOptions { MaxConcurrentTransforms = 4, MaxQueuedTransforms = 0 });

        var loops = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 2500; i++)
            {
                Assert.Equal(i, await sut.RunAsync(_ => i));
            }
        }));
        await Task.WhenAll(loops).WaitAsync(Patience);

        await WaitUntil(() => sut.Pending == 0);
    }

    [Fact]
    public async Task RunAsync_InstantWorkOnAColdPath_ReturnsItsResult()
    {
        // A result type not seen before makes the caller compile the gate's code after queuing the work,
        // so the work ends first: the race in which a gate that disposes its deadline too early fails.
        var sut = new TransformGate(new LimitsOptions { MaxConcurrentTransforms = 1, MaxQueuedTransforms = 0 });

        Assert.Equal(new Cold1(1), await sut.RunAsync(_ => new Cold1(1)));
        Assert.Equal(new Cold2(2), await sut.RunAsync(_ => new Cold2(2)));
        Assert.Equal(new Cold3(3), await sut.RunAsync(_ => new Cold3(3)));
        Assert.Equal(new Cold4(4), await sut.RunAsync(_ => new Cold4(4)));
        Assert.Equal(new Cold5(5), await sut.RunAsync(_ => new Cold5(5)));
        Assert.Equal(new Cold6(6), await sut.RunAsync(_ => new Cold6(6)));
        await WaitUntil(() => sut.Pending == 0);
    }

    [Fact]
    public async Task RunAsync_WorkThatThrows_PassesTheExceptionOnAndFreesTheSlot()
    {
        var sut = new TransformGate(new LimitsOptions { MaxConcurrentTransforms = 1, MaxQueuedTransforms = 0 });

        await Assert.ThrowsAsync<InvalidDataException>(() => sut.RunAsync<int>(_ => throw new InvalidDataException("bad pixels")));

        await WaitUntil(() => sut.Pending == 0);
        Assert.Equal(3, await sut.RunAsync(_ => 3));
    }

    [Fact]
    public async Task RunAsync_MoreCallsThanConcurrencyPlusQueue_Is503WithRetryAfter()
    {
        var sut = new TransformGate(new LimitsOptions { MaxConcurrentTransforms = 2, MaxQueuedTransforms = 1, TransformTimeoutSeconds = 30 });
        using var release = new ManualResetEventSlim();
        var started = 0;
        var rejected = 0;
        int Block(CancellationToken _)
        {
            Interlocked.Increment(ref started);
            release.Wait(Patience);
            return 1;
        }

        var admitted = Enumerable.Range(0, 3).Select(_ => sut.RunAsync(Block)).ToArray();
        await WaitUntil(() => Volatile.Read(ref started) == 2);

        var problem = await ProblemAssert.StatusAsync(503, () => sut.RunAsync(Block, () => Interlocked.Increment(ref rejected)));

        Assert.Equal("overloaded", problem.Type);
        Assert.Equal(1, problem.RetryAfterSeconds);
        Assert.Equal(1, rejected);
        Assert.Equal(3, sut.Pending);
        Assert.Equal(2, started);

        release.Set();
        var results = await Task.WhenAll(admitted).WaitAsync(Patience);
        Assert.All(results, r => Assert.Equal(1, r));
        Assert.Equal(3, started);
        await WaitUntil(() => sut.Pending == 0);
    }

    [Fact]
    public async Task RunAsync_WorkPastTheTimeout_Is503TimeoutButKeepsItsSlotUntilTheWorkEnds()
    {
        var sut = new TransformGate(new LimitsOptions { MaxConcurrentTransforms = 1, MaxQueuedTransforms = 0, TransformTimeoutSeconds = 1 });
        using var release = new ManualResetEventSlim();
        var finished = 0;
        var sawCancellation = false;

        var problem = await ProblemAssert.StatusAsync(503, () => sut.RunAsync(ct =>
        {
            release.Wait(Patience);
            sawCancellation = ct.IsCancellationRequested;
            Interlocked.Increment(ref finished);
            return 1;
        }));

        Assert.Equal("transform-timeout", problem.Type);
        Assert.Equal("TransformTimeoutSeconds", problem.Extensions["limit"]);
        Assert.NotNull(problem.RetryAfterSeconds);
        Assert.Equal(0, Volatile.Read(ref finished));
        Assert.Equal(1, sut.Pending);
        await ProblemAssert.StatusAsync(503, () => sut.RunAsync(_ => 2));

        release.Set();
        await WaitUntil(() => sut.Pending == 0);

        Assert.Equal(1, finished);
        Assert.True(sawCancellation);
        Assert.Equal(3, await sut.RunAsync(_ => 3));
    }

    [Fact]
    public async Task RunAsync_QueuedPastTheTimeout_Is503TimeoutAndLeavesTheQueue()
    {
        var sut = new TransformGate(new LimitsOptions { MaxConcurrentTransforms = 1, MaxQueuedTransforms = 1, TransformTimeoutSeconds = 1 });
        using var release = new ManualResetEventSlim();
        var running = sut.RunAsync(_ => release.Wait(Patience));

        var problem = await ProblemAssert.StatusAsync(503, () => sut.RunAsync(_ => true));

        Assert.Equal("transform-timeout", problem.Type);
        release.Set();
        await Assert.ThrowsAsync<ProblemException>(() => running);
        await WaitUntil(() => sut.Pending == 0);
    }

    private readonly record struct Cold1(int Value);

    private readonly record struct Cold2(int Value);

    private readonly record struct Cold3(int Value);

    private readonly record struct Cold4(int Value);

    private readonly record struct Cold5(int Value);

    private readonly record struct Cold6(int Value);

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
