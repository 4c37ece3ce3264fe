using System.Net.Sockets;

namespace MediaEdge.IntegrationTests.Redis;

/// <summary>Free TCP ports on 127.0.0.1, as the kernel hands them out for port 0.</summary>
public static class LoopbackPort
{
    /// <summary>A free port; with <paramref name="withBusPort"/>, one whose Redis Cluster bus port (port + 10000) is free as well.</summary>
    public static int Next(bool withBusPort = false)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var port = Take(0);
            if (!withBusPort)
            {
                return port;
            }

            if (port + 10000 <= IPEndPoint.MaxPort && Take(port + 10000) != 0)
            {
                return port;
            }
        }

        throw new InvalidOperationException("No free loopback port with a free cluster bus port was found in 50 attempts.");
    }

    /// <returns>The port bound (the kernel's choice for 0), or 0 where <paramref name="port"/> is taken.</returns>
    private static int Take(int port)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
        }
        catch (SocketException) when (port != 0)
        {
            return 0;
        }

        return ((IPEndPoint)listener.LocalEndPoint!).Port;
    }
}
