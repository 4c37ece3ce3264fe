using MediaEdge.IntegrationTests.Caching;
using MediaEdge.IntegrationTests.Redis;

namespace MediaEdge.IntegrationTests.Tenancy;

/// <summary>Usage records kept in Redis add up across nodes: what two nodes served is read from either, whole.</summary>
public sealed class SharedUsageTests(StandaloneRedis redis) : IClassFixture<StandaloneRedis>
{
    [Fact]
    public async Task RequestsServedByTwoNodes_AddUpInOneRecord_ReadFromEitherNode()
    {
        await using var nodes = await NodeGroup.StartAsync(redis, 2, new Dictionary<string, string?>
        {
            ["MediaEdge:Admin:Keys:0"] = TenantServer.AdminKey,
            ["MediaEdge:Usage:FlushSeconds"] = "1",
            ["MediaEdge:Sources:shared:Root"] = MediaFolder.Shared.Root,
        });
        var sent = 0;
        long received = 0;
        foreach (var (node, width) in new[] { (0, 100), (1, 100), (0, 120), (1, 140), (1, 140) })
        {
            var reply = await nodes[node].GetAsync($"/img/shared/small.jpg?w={width}");
            Assert.Equal(HttpStatusCode.OK, reply.Status);
            sent++;
            received += reply.Body.Length;
        }

        // Node B's last requests reach Redis with its next flush (Usage:FlushSeconds); node A adds its own as it reads.
        Dictionary<string, double> usage = [];
        var whole = await Eventually.WithinAsync(
            async () => (usage = await nodes[0].Client.UsageAsync(TenantServer.AdminKey, "shared")).GetValueOrDefault("requests") >= sent,
            TimeSpan.FromSeconds(10));

        Assert.True(whole, $"node A read {usage.GetValueOrDefault("requests")} requests of {sent}");
        Assert.Equal(sent, usage["requests"]);
        Assert.Equal(received, usage["bytesOut"]);
        Assert.Equal(3, usage["variants"]);
        Assert.Equal(usage["requests"], (await nodes[1].Client.UsageAsync(TenantServer.AdminKey, "shared"))["requests"]);
    }
}
