using MediaEdge.BuiltIns;

namespace MediaEdge.IntegrationTests.Hosting;

/// <summary>The harness itself can fail: the guard catches a 500, and a host's meter counts that host's work alone.</summary>
public sealed class HarnessTests
{
    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, true)]
    [InlineData(HttpStatusCode.BadGateway, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, false)]
    [InlineData(HttpStatusCode.NotFound, false)]
    public async Task StatusGuard_RecordsServerFailures(HttpStatusCode status, bool failure)
    {
        using var sut = new StatusGuard(new FixedStatusHandler(status));
        using var client = new HttpClient(sut);

        await client.GetAsync("http://127.0.0.1/");

        Assert.Equal(failure, sut.Failures.Count == 1);
        Assert.Equal(failure, Record.Exception(sut.AssertNoServerFailure) is not null);
    }

    [Fact]
    public async Task MeterRecorder_CountsOnlyItsOwnHost()
    {
        await using var first = await MediaEdgeServer.StartAsync();
        await using var second = await MediaEdgeServer.StartAsync();
        using var client = first.CreateClient(out var guard);

        var reply = await client.GetReplyAsync("/img/local/small.jpg?w=32");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(1, first.Metrics.Total("mediaedge.transforms"));
        Assert.Equal(0, second.Metrics.Total("mediaedge.transforms"));
        guard.AssertNoServerFailure();
    }

    [Fact]
    public void EngineList_NamesEveryEngineTheServiceHas()
    {
        var service = BuiltInExtensions.Engines().All.Select(e => e.Name).Order(StringComparer.Ordinal);
        var suite = Engine.All.Select(e => e.Name).Order(StringComparer.Ordinal);

        Assert.Equal(service, suite);
    }

    private sealed class FixedStatusHandler(HttpStatusCode status) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(status));
    }
}
