using MediaEdge.Server.Endpoints;

namespace MediaEdge.IntegrationTests.Admin;

/// <summary>The transform time the slowest list records is the one Server-Timing sent, in each of its forms.</summary>
public sealed class DashboardServerTimingTests
{
    [Theory]
    [InlineData("cache;desc=miss, origin;dur=12.5, transform;dur=431.2", 431.2)]
    [InlineData("cache;desc=miss, transform;desc=ladder-same;dur=17.0", 17.0)]
    [InlineData("cache;desc=miss, transform;desc=ladder-larger;dur=8.4, other;dur=3", 8.4)]
    public void TransformMilliseconds_ATransform_IsItsDuration(string serverTiming, double expected) =>
        Assert.Equal(expected, RequestMetricsMiddleware.TransformMilliseconds(serverTiming));

    [Theory]
    [InlineData("cache;desc=hit-l1")]
    [InlineData("cache;desc=miss, origin;dur=12.5")]
    [InlineData("")]
    public void TransformMilliseconds_NoTransform_IsNull(string serverTiming) =>
        Assert.Null(RequestMetricsMiddleware.TransformMilliseconds(serverTiming));
}
