using System.Diagnostics;

namespace MediaEdge.IntegrationTests.Redis;

/// <summary>A Redis Cluster of three masters and no replicas, made by <c>redis-cli --cluster create</c>; ready once every node says cluster_state:ok.</summary>
public sealed class RedisCluster : RedisBackend
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(20);

    protected override async Task StartAsync(List<RedisServerProcess> servers)
    {
        for (var i = 0; i < 3; i++)
        {
            servers.Add(await RedisServerProcess.StartAsync(cluster: true));
        }

        var created = await RedisCli.RunAsync(ReadyTimeout, ["--cluster", "create", .. servers.Select(s => s.EndPoint), "--cluster-replicas", "0", "--cluster-yes"]);
        if (!created.Contains("All 16384 slots covered", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("redis-cli --cluster create failed: " + created);
        }

        var waited = Stopwatch.StartNew();
        foreach (var server in servers)
        {
            while (!(await RedisCli.RunAsync(server.Port, "CLUSTER", "INFO")).Contains("cluster_state:ok", StringComparison.Ordinal))
            {
                if (waited.Elapsed > ReadyTimeout)
                {
                    throw new TimeoutException($"The cluster node {server.EndPoint} did not reach cluster_state:ok within {ReadyTimeout.TotalSeconds} s.");
                }

                await Task.Delay(50);
            }
        }
    }
}
