using MediaEdge.Limits;
using MediaEdge.Requests;
using Microsoft.Extensions.Time.Testing;

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
        // A clock that stands still: the running transforms' elapsed time (which the predicted wait counts) is not the machine's load.
        var sut = new TransformGate(new LimitsOptions { MaxConcurrentTransforms = 2, MaxQueuedTransforms = 1, TransformTimeoutSeconds = 30 }, new FakeTimeProvider());
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
    public async Task RunAsync_QueuedBehindATransformThatDoesNotEnd_Is503BeforeItsDeadline_AndLeavesTheLine()
    {
        // Admitted (the first estimate, 0.5 s, leaves time within 2 s), but the transform ahead never ends: once it has run
        // 0.75 s, what is left of the 2 s no longer holds a wait and a transform of that length.
        var time = new FakeTimeProvider();
        var sut = new TransformGate(new LimitsOptions { MaxConcurrentTransforms = 1, MaxQueuedTransforms = 1, TransformTimeoutSeconds = 2 }, time);
        using var release = new ManualResetEventSlim();
        var running = sut.RunAsync(_ => release.Wait(Patience));
        var queued = sut.RunAsync(_ => true);

        time.Advance(TimeSpan.FromSeconds(0.5));
        Assert.False(queued.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(0.25));

        var problem = await ProblemAssert.StatusAsync(503, () => queued);
        Assert.Equal(("overloaded", 1), (problem.Type, problem.RetryAfterSeconds));
        Assert.Equal(1, sut.Pending);
        time.Advance(TimeSpan.FromSeconds(1.25));
        Assert.Equal("transform-timeout", (await ProblemAssert.StatusAsync(503, () => running)).Type);
        release.Set();
        await WaitUntil(() => sut.Pending == 0);
    }

    [Fact]
    public async Task RunAsync_PredictedWaitPastTheBudget_IsRefusedAtOnce_WithRetryAfterThePredictedWait()
    {
        var time = new FakeTimeProvider();
        var sut = new TransformGate(new LimitsOptions { MaxConcurrentTransforms = 1, TransformTimeoutSeconds = 10 }, time);
        await RunForAsync(sut, time, TimeSpan.FromSeconds(4), times: 20);

        // Twenty 4 s transforms: the moving average is 4 s within a few ms, so one waiting transform means a 4 s wait
        // (admitted: 4 + 4 s fit in 10 s) and two an 8 s wait (refused).
        Assert.InRange(sut.AverageDuration.TotalSeconds, 3.95, 4.0);
        using var release = new ManualResetEventSlim();
        var running = sut.RunAsync(_ => release.Wait(Patience));
        var waiting = sut.RunAsync(_ => true);
        var rejected = 0;

        var refused = sut.RunAsync(_ => true, () => rejected++);

        Assert.True(refused.IsFaulted, "the refusal must not wait");
        var problem = Assert.IsType<ProblemException>(refused.Exception!.InnerException);
        Assert.Equal((503, "overloaded", 8), (problem.Status, problem.Type, problem.RetryAfterSeconds));
        Assert.Contains("Limits:TransformTimeoutSeconds", problem.Message, StringComparison.Ordinal);
        Assert.Equal(1, rejected);
        Assert.Equal(2, sut.Pending);
        release.Set();
        Assert.True(await running.WaitAsync(Patience));
        Assert.True(await waiting.WaitAsync(Patience));
        await WaitUntil(() => sut.Pending == 0);
    }

    [Fact]
    public async Task RunAsync_WhenTransformsTurnOutSlower_ThoseInLineThatCanNoLongerFinish_AreRefusedAtOnce()
    {
        var time = new FakeTimeProvider();
        var sut = new TransformGate(new LimitsOptions { MaxConcurrentTransforms = 1, TransformTimeoutSeconds = 10 }, time);
        using var first = new ManualResetEventSlim();
        using var rest = new ManualResetEventSlim();
        var running = sut.RunAsync(_ => first.Wait(Patience));

        // At the first estimate (0.5 s) nineteen fit in line: the last would wait 9.5 s of its 10.
        var line = Enumerable.Range(0, 19).Select(_ => sut.RunAsync(_ => rest.Wait(Patience))).ToArray();
        Assert.DoesNotContain(line, t => t.IsCompleted);

        // The running transform has taken 2 s, not 0.5: with 8 s left, those in line can wait 6 s, so only three stay.
        time.Advance(TimeSpan.FromSeconds(2));
        await WaitUntil(() => line.Count(t => t.IsFaulted) == 16);

        Assert.Equal(Enumerable.Repeat(false, 3), line.Take(3).Select(t => t.IsCompleted));
        Assert.All(line.Skip(3), t =>
        {
            var problem = Assert.IsType<ProblemException>(t.Exception!.InnerException);
            Assert.Equal((503, "overloaded"), (problem.Status, problem.Type));
            Assert.InRange(problem.RetryAfterSeconds!.Value, 1, 40);
        });
        Assert.Equal(4, sut.Pending);
        first.Set();
        rest.Set();
        Assert.True(await running.WaitAsync(Patience));
        Assert.All(await Task.WhenAll(line.Take(3)).WaitAsync(Patience), Assert.True);
        await WaitUntil(() => sut.Pending == 0);
    }

    [Fact]
    public async Task RunAsync_BimodalDurations_AdmitOnlyThoseInLineWithTimeLeftForALongRun()
    {
        // Three short (1 s: from the resize ladder) for each long (3 s: a decode): the mean says about 1.5 s, yet one
        // transform in four takes 3 s. Whoever is admitted to the line must have 3 s left when its slot comes.
        var time = new FakeTimeProvider();
        var sut = new TransformGate(new LimitsOptions { MaxConcurrentTransforms = 1, TransformTimeoutSeconds = 10 }, time);
        for (var i = 0; i < 20; i++)
        {
            await RunForAsync(sut, time, TimeSpan.FromSeconds(i % 4 == 3 ? 3 : 1));
        }

        var average = sut.AverageDuration;
        var fitLongRun = (int)Math.Floor(7 / average.TotalSeconds);
        var fitMeanRun = (int)Math.Floor((10 - average.TotalSeconds) / average.TotalSeconds);
        Assert.True(fitMeanRun > fitLongRun, $"average {average.TotalSeconds:0.000} s: the case must tell the two apart");
        using var release = new ManualResetEventSlim();
        var running = sut.RunAsync(_ => release.Wait(Patience));
        var line = new List<Task<bool>>();
        Task<bool> next;
        while (!(next = sut.RunAsync(_ => true)).IsFaulted)
        {
            line.Add(next);
            Assert.True(line.Count <= fitMeanRun, "admitted past what the budget holds");
        }

        Assert.Equal(fitLongRun, line.Count);
        Assert.Equal("overloaded", Assert.IsType<ProblemException>(next.Exception!.InnerException).Type);
        release.Set();
        Assert.True(await running.WaitAsync(Patience));
        Assert.All(await Task.WhenAll(line).WaitAsync(Patience), Assert.True);
        await WaitUntil(() => sut.Pending == 0);
    }

    [Fact]
    public async Task RunAsync_TheBudgetCountsFromTheRequestsArrival_NotFromTheGate()
    {
        // Arrived 8 s before reaching the gate, of a 10 s budget: 2 s are left.
        var time = new FakeTimeProvider();
        var sut = new TransformGate(new LimitsOptions { MaxConcurrentTransforms = 1, TransformTimeoutSeconds = 10 }, time);
        using var release = new ManualResetEventSlim();
        var run = sut.RunAsync(_ => release.Wait(Patience), 0, null, time.GetUtcNow() - TimeSpan.FromSeconds(8));

        time.Advance(TimeSpan.FromSeconds(1.9));
        Assert.False(run.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(0.2));

        Assert.Equal("transform-timeout", (await ProblemAssert.StatusAsync(503, () => run)).Type);
        release.Set();
        await WaitUntil(() => sut.Pending == 0);

        // Arrived a whole budget ago: no time is left at all.
        var late = await ProblemAssert.StatusAsync(503, () => sut.RunAsync(_ => true, 0, null, time.GetUtcNow() - TimeSpan.FromSeconds(10)));
        Assert.Equal("transform-timeout", late.Type);
        await WaitUntil(() => sut.Pending == 0);
    }

    [Fact]
    public async Task RunAsync_ABurstThatFitsItsBudget_IsAdmittedWhateverItsLength()
    {
        var sut = new TransformGate(new LimitsOptions { MaxConcurrentTransforms = 2, TransformTimeoutSeconds = 30 }, new FakeTimeProvider());
        using var release = new ManualResetEventSlim();

        // 100 transforms of the first estimate (0.5 s) on two slots: the last waits 24.75 s, within the 30 s budget.
        var burst = Enumerable.Range(0, 100).Select(i => sut.RunAsync(_ => release.Wait(Patience) ? i : -1)).ToArray();

        Assert.DoesNotContain(burst, t => t.IsFaulted);
        Assert.Equal(100, sut.Pending);
        release.Set();
        Assert.Equal(Enumerable.Range(0, 100), await Task.WhenAll(burst).WaitAsync(Patience));
        await WaitUntil(() => sut.Pending == 0);
    }

    [Fact]
    public async Task RunAsync_WithASlotFree_IsNeverRefused_EvenWhenTransformsTakeTheirWholeBudget()
    {
        var time = new FakeTimeProvider();
        var sut = new TransformGate(new LimitsOptions { MaxConcurrentTransforms = 2, TransformTimeoutSeconds = 2 }, time);
        await RunForAsync(sut, time, TimeSpan.FromSeconds(3), times: 10);

        Assert.True(sut.AverageDuration > TimeSpan.FromSeconds(2));
        Assert.Equal(5, await sut.RunAsync(_ => 5));
        await WaitUntil(() => sut.Pending == 0);
    }

    [Fact]
    public async Task RunAsync_MaxQueueWaitSeconds_BoundsThePredictedWaitAlone()
    {
        var time = new FakeTimeProvider();
        var sut = new TransformGate(new LimitsOptions { MaxConcurrentTransforms = 1, TransformTimeoutSeconds = 60, MaxQueueWaitSeconds = 5 }, time);
        await RunForAsync(sut, time, TimeSpan.FromSeconds(2), times: 20);

        using var release = new ManualResetEventSlim();
        var admitted = Enumerable.Range(0, 3).Select(_ => sut.RunAsync(_ => release.Wait(Patience))).ToArray();

        // Three ahead on one slot at 2 s each: a 6 s wait, within the 60 s budget but past the 5 s queue budget.
        var problem = await ProblemAssert.StatusAsync(503, () => sut.RunAsync(_ => true));

        Assert.Equal(("overloaded", 6), (problem.Type, problem.RetryAfterSeconds));
        Assert.Contains("Limits:MaxQueueWaitSeconds", problem.Message, StringComparison.Ordinal);
        release.Set();
        await Task.WhenAll(admitted).WaitAsync(Patience);
        await WaitUntil(() => sut.Pending == 0);
    }

    /// <summary>Runs one transform after another, <paramref name="times"/> of them, each lasting <paramref name="duration"/> on the fake clock.</summary>
    private static async Task RunForAsync(TransformGate sut, FakeTimeProvider time, TimeSpan duration, int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            using var started = new ManualResetEventSlim();
            using var release = new ManualResetEventSlim();
            var run = sut.RunAsync(_ =>
            {
                started.Set();
                return release.Wait(Patience);
            });
            Assert.True(started.Wait(Patience));
            time.Advance(duration);
            release.Set();
            try
            {
                await run.WaitAsync(Patience);
            }
            catch (ProblemException timeout) when (timeout.Type == "transform-timeout")
            {
                // A duration past the budget: answered at the deadline, and still counted in full once the work stops.
            }

            await WaitUntil(() => sut.Pending == 0);
        }
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
