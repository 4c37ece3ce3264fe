using System.Net.Sockets;

namespace MediaEdge.IntegrationTests.Redis;

/// <summary>The suite's redis-server starts cannot race each other for a port.</summary>
public sealed class RedisServerProcessTests
{
    [Fact]
    public async Task Start_OnAPortTakenMeanwhile_MovesToAnotherPort_AndAnswersAsItself()
    {
        // Another server (here a bare listener) has the port between the check that it was free and redis-server's bind.
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var taken = ((IPEndPoint)squatter.LocalEndpoint).Port;

        await using var server = await RedisServerProcess.StartAsync(ports: [taken]);

        Assert.NotEqual(taken, server.Port);
        Assert.Equal("PONG", await RedisCli.RunAsync(server.Port, "PING"));
        Assert.Contains($"process_id:{server.ProcessId}", await RedisCli.RunAsync(server.Port, "INFO", "server"), StringComparison.Ordinal);
    }
}
