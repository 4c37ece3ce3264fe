namespace MediaEdge.IntegrationTests.Caching;

/// <summary>With no AdminToken configured, the purge endpoint does not exist for anyone, whatever they send.</summary>
public sealed class PurgeDisabledTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("anything")]
    public async Task EmptyAdminToken_PurgeIsA404_AndDropsNothing(string? token)
    {
        const string url = "/img/local/small.jpg?w=64&fm=webp";
        await using var node = await MediaEdgeServer.StartAsync(NodeGroup.NodeOptions("solo", new Dictionary<string, string?> { ["MediaEdge:Security:AdminToken"] = "" }));
        Assert.Equal("miss", (await node.GetAsync(url)).CacheTier());

        var sut = await node.PurgeAsync("local/small.jpg", token);

        Assert.Equal(HttpStatusCode.NotFound, sut.Status);
        sut.Problem();
        Assert.Equal("hit-l1", (await node.GetAsync(url)).CacheTier());
    }
}
