using MediaEdge.Diagnostics;
using MediaEdge.Diagnostics.Live;
using MediaEdge.Tests.Caching;
using Microsoft.Extensions.Time.Testing;

namespace MediaEdge.Tests.Diagnostics.Live;

public sealed class LiveStatsTests : IDisposable
{
    // An even second: the first interval starts now.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero));
    private readonly TestMeterFactory _meters = new();
    private readonly MediaEdgeMetrics _metrics;
    private readonly LiveStats _sut;

    public LiveStatsTests()
    {
        _metrics = new MediaEdgeMetrics(_meters);
        _sut = new LiveStats(_metrics, _clock);
    }

    [Fact]
    public void Snapshot_ResponsesInTwoIntervals_ChartsEachInItsOwnAsPerSecondRates()
    {
        _metrics.Responded("img", 200, "miss", 100);
        _metrics.Responded("img", 200, "hit-l1", 100);
        _metrics.Responded("img", 200, "hit-l1", 100);
        _clock.Advance(TimeSpan.FromSeconds(LiveStats.BucketSeconds));
        _metrics.Responded("img", 404, "none", 0);
        _metrics.Responded("img", 503, "none", 0);
        _clock.Advance(TimeSpan.FromSeconds(LiveStats.BucketSeconds));

        var snapshot = _sut.Snapshot();

        var series = snapshot.Series;
        Assert.Equal(LiveStats.Intervals, series.Time.Length);
        Assert.Equal(_clock.GetUtcNow().ToUnixTimeSeconds() - LiveStats.BucketSeconds, series.Time[^1]);
        Assert.Equal([1.0, 0.0], series.Tiers["hit-l1"][^2..]);
        Assert.Equal([0.5, 0.0], series.Tiers["miss"][^2..]);
        Assert.Equal([0.0, 1.0], series.Tiers["none"][^2..]);
        Assert.Equal([1.5, 0.0], series.Status["2xx"][^2..]);
        Assert.Equal([0.0, 0.5], series.Status["4xx"][^2..]);
        Assert.Equal([0.0, 0.5], series.Status["5xx"][^2..]);
        Assert.All(series.Tiers["hit-l1"][..^2], rate => Assert.Equal(0, rate));
        Assert.Equal(5, snapshot.Totals.Responses);
        Assert.Equal(2, snapshot.Totals.Tiers["hit-l1"]);
        Assert.Equal([new StatusCount(200, 3), new StatusCount(404, 1), new StatusCount(503, 1)], snapshot.Totals.TopCodes);
    }

    [Fact]
    public void Snapshot_IntervalInProgress_IsInTheTotalsButNotYetCharted()
    {
        _metrics.Responded("img", 200, "hit-disk", 10);

        var snapshot = _sut.Snapshot();

        Assert.Equal(1, snapshot.Totals.Tiers["hit-disk"]);
        Assert.All(snapshot.Series.Tiers["hit-disk"], rate => Assert.Equal(0, rate));
    }

    [Fact]
    public void Snapshot_AdminCalls_AreNotCounted()
    {
        _metrics.Responded("admin", 200, "none", 500);

        Assert.Equal(0, _sut.Snapshot().Totals.Responses);
    }

    [Fact]
    public void Snapshot_UnknownTier_CountsAsOther()
    {
        _metrics.Responded("o", 200, "revalidated", 10);

        Assert.Equal(1, _sut.Snapshot().Totals.Tiers["other"]);
    }

    [Fact]
    public void Snapshot_HundredTransforms_GivesNearestRankPercentiles()
    {
        foreach (var ms in Enumerable.Range(1, 100).Reverse())
        {
            _metrics.Transformed("vips", ms);
        }

        _clock.Advance(TimeSpan.FromSeconds(LiveStats.BucketSeconds));
        var snapshot = _sut.Snapshot();

        Assert.Equal((100, 50.0, 95.0, 99.0), (snapshot.Totals.Transforms, snapshot.Totals.TransformP50, snapshot.Totals.TransformP95, snapshot.Totals.TransformP99));
        Assert.Equal((50.0, 95.0, 99.0), (snapshot.Series.TransformP50[^1], snapshot.Series.TransformP95[^1], snapshot.Series.TransformP99[^1]));
        Assert.Null(snapshot.Series.TransformP50[^2]);
    }

    [Fact]
    public void Snapshot_AfterTheWindow_ForgetsEverything()
    {
        _metrics.Responded("img", 200, "miss", 100);
        _metrics.Transformed("vips", 40);
        _metrics.Saved(1000);
        _metrics.L2Error();
        _sut.TransformServed("/img/local/a.jpg?w=10", 40);

        _clock.Advance(TimeSpan.FromSeconds(LiveStats.WindowSeconds + LiveStats.BucketSeconds));
        var snapshot = _sut.Snapshot();

        Assert.Equal(0, snapshot.Totals.Responses);
        Assert.Equal(0, snapshot.Totals.Transforms);
        Assert.Null(snapshot.Totals.TransformP95);
        Assert.Equal(0, snapshot.Totals.BytesSaved);
        Assert.Equal(0, snapshot.Totals.L2Errors);
        Assert.Empty(snapshot.Slowest);
    }

    [Fact]
    public void Snapshot_ASlotComingRoundAgain_HoldsOnlyItsNewInterval()
    {
        _metrics.Responded("img", 200, "miss", 100);
        _clock.Advance(TimeSpan.FromSeconds((LiveStats.Intervals + 1) * LiveStats.BucketSeconds));
        _metrics.Responded("img", 200, "hit-l2", 100);

        var snapshot = _sut.Snapshot();

        Assert.Equal(0, snapshot.Totals.Tiers["miss"]);
        Assert.Equal(1, snapshot.Totals.Tiers["hit-l2"]);
    }

    [Fact]
    public void Snapshot_BytesSavedAndL2Errors_AreSummedAndCharted()
    {
        _metrics.Saved(3000);
        _metrics.Saved(1000);
        _metrics.L2Error();
        _clock.Advance(TimeSpan.FromSeconds(LiveStats.BucketSeconds));

        var snapshot = _sut.Snapshot();

        Assert.Equal(4000, snapshot.Totals.BytesSaved);
        Assert.Equal(2000, snapshot.Series.BytesSaved[^1]);
        Assert.Equal(1, snapshot.Totals.L2Errors);
        Assert.Equal(0.5, snapshot.Series.L2Errors[^1]);
    }

    [Fact]
    public void Snapshot_OriginReads_GivesEachSourceItsCountsP95AndLastRead()
    {
        foreach (var ms in Enumerable.Range(1, 20))
        {
            _metrics.OriginRead("photos", 100);
            _metrics.OriginDuration("photos", ms);
        }

        var lastRead = _clock.GetUtcNow();
        _clock.Advance(TimeSpan.FromSeconds(7));

        var origin = Assert.Single(_sut.Snapshot().Origins);

        Assert.Equal(new OriginActivity("photos", 20, 2000, 19, lastRead), origin);
    }

    [Fact]
    public void Snapshot_AnotherMetersMeasurements_AreNotHeard()
    {
        using var otherMeters = new TestMeterFactory();
        var other = new MediaEdgeMetrics(otherMeters);

        other.Responded("img", 200, "miss", 100);

        Assert.Equal(0, _sut.Snapshot().Totals.Responses);
    }

    public void Dispose()
    {
        _sut.Dispose();
        _meters.Dispose();
    }
}
