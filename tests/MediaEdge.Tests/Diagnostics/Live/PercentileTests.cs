using MediaEdge.Diagnostics.Live;

namespace MediaEdge.Tests.Diagnostics.Live;

public sealed class PercentileTests
{
    [Theory]
    [InlineData(0.50, 2)]
    [InlineData(0.95, 4)]
    [InlineData(0.99, 4)]
    [InlineData(0.0, 1)]
    public void Of_FourSamples_IsTheNearestRank(double p, double expected) =>
        Assert.Equal(expected, Percentile.Of([1, 2, 3, 4], p));

    [Fact]
    public void Of_NoSamples_IsNull() => Assert.Null(Percentile.Of([], 0.5));
}
