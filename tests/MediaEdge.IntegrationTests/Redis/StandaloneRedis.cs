namespace MediaEdge.IntegrationTests.Redis;

/// <summary>One redis-server.</summary>
public sealed class StandaloneRedis : RedisBackend
{
    public RedisServerProcess Server => Servers[0];

    protected override async Task StartAsync(List<RedisServerProcess> servers) => servers.Add(await RedisServerProcess.StartAsync());
}
