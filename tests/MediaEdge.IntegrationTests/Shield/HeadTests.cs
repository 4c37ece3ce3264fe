namespace MediaEdge.IntegrationTests.Shield;

/// <summary>HEAD on /o/ states the original's length whether it is stored yet or passed on to the origin.</summary>
public sealed class HeadTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Head_AsTheFirstRequest_AndAfterAGet_StatesTheWholeLength(bool withRange)
    {
        await using var server = await MediaEdgeServer.StartAsync();
        using var client = server.CreateClient(out var guard);
        var length = new FileInfo(Path.Combine(MediaFolder.Shared.Root, "small.jpg")).Length;
        (string, string)[] range = withRange ? [("Range", "bytes=0-10")] : [];

        var miss = await client.SendReplyAsync(HttpMethod.Head, "/o/local/small.jpg", null, range);
        var stored = await client.GetReplyAsync("/o/local/small.jpg");
        var hit = await client.SendReplyAsync(HttpMethod.Head, "/o/local/small.jpg", null, range);

        Assert.Equal(HttpStatusCode.OK, stored.Status);
        Assert.All([miss, hit], r =>
        {
            Assert.Equal(HttpStatusCode.OK, r.Status);
            Assert.Equal(length, r.ContentLength);
            Assert.Empty(r.Body);
        });
        guard.AssertNoServerFailure();
    }
}
