using MediaEdge.Caching;
using Microsoft.Extensions.Time.Testing;

namespace MediaEdge.Tests.Caching;

public sealed class CircuitBreakerTests
{
    private static readonly TimeSpan BreakFor = TimeSpan.FromSeconds(5);
    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public void New_IsClosedAndLetsCallsThrough()
    {
        var sut = new CircuitBreaker(3, BreakFor, _clock);

        Assert.Equal(BreakerState.Closed, sut.State);
        Assert.All(Enumerable.Range(0, 10), _ => Assert.True(sut.TryEnter()));
    }

    [Theory]
    [InlineData(2, BreakerState.Closed)]
    [InlineData(3, BreakerState.Open)]
    public void ConsecutiveFailures_BelowTheThresholdKeepItClosed_TheNthOpensIt_AndCallsAreSkipped(int failures, BreakerState state)
    {
        var sut = new CircuitBreaker(3, BreakFor, _clock);

        var opened = Enumerable.Range(0, failures).Select(_ => sut.Failure()).ToArray();

        Assert.Equal(Enumerable.Range(1, failures).Select(n => n == 3), opened);
        Assert.Equal(state, sut.State);
        Assert.Equal(state == BreakerState.Closed, sut.TryEnter());
    }

    [Fact]
    public void Success_BetweenFailures_ResetsTheCount()
    {
        var sut = new CircuitBreaker(3, BreakFor, _clock);
        sut.Failure();
        sut.Failure();

        sut.Success();
        sut.Failure();
        sut.Failure();

        Assert.Equal(BreakerState.Closed, sut.State);
        Assert.True(sut.TryEnter());
    }

    [Fact]
    public void Open_StaysOpenForTheWholeBreak()
    {
        var sut = Opened();

        _clock.Advance(BreakFor - TimeSpan.FromTicks(1));

        Assert.Equal(BreakerState.Open, sut.State);
        Assert.False(sut.TryEnter());
    }

    [Fact]
    public void AfterTheBreak_HalfOpen_LetsExactlyOneTrialThrough()
    {
        var sut = Opened();
        _clock.Advance(BreakFor);

        Assert.Equal(BreakerState.HalfOpen, sut.State);
        Assert.True(sut.TryEnter());
        Assert.All(Enumerable.Range(0, 10), _ => Assert.False(sut.TryEnter()));
    }

    [Fact]
    public void AfterTheBreak_ConcurrentCallers_OnlyOneGetsTheTrial()
    {
        var sut = Opened();
        _clock.Advance(BreakFor);

        var entered = 0;
        Parallel.For(0, 1000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
        {
            if (sut.TryEnter())
            {
                Interlocked.Increment(ref entered);
            }
        });

        Assert.Equal(1, entered);
    }

    [Fact]
    public void TrialSuccess_ClosesIt()
    {
        var sut = Opened();
        _clock.Advance(BreakFor);
        Assert.True(sut.TryEnter());

        sut.Success();

        Assert.Equal(BreakerState.Closed, sut.State);
        Assert.All(Enumerable.Range(0, 10), _ => Assert.True(sut.TryEnter()));
    }

    [Fact]
    public void TrialFailure_OpensItForAnotherFullBreak()
    {
        var sut = Opened();
        _clock.Advance(BreakFor);
        Assert.True(sut.TryEnter());

        var reopened = sut.Failure();

        Assert.True(reopened);
        Assert.Equal(BreakerState.Open, sut.State);
        _clock.Advance(BreakFor - TimeSpan.FromTicks(1));
        Assert.False(sut.TryEnter());
        _clock.Advance(TimeSpan.FromTicks(1));
        Assert.True(sut.TryEnter());
        Assert.False(sut.TryEnter());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void ThresholdBelowOne_OpensOnTheFirstFailure(int failures)
    {
        var sut = new CircuitBreaker(failures, BreakFor, _clock);

        Assert.True(sut.Failure());
        Assert.False(sut.TryEnter());
    }

    private CircuitBreaker Opened()
    {
        var sut = new CircuitBreaker(3, BreakFor, _clock);
        for (var i = 0; i < 3; i++)
        {
            sut.Failure();
        }

        Assert.Equal(BreakerState.Open, sut.State);
        return sut;
    }
}
