using System.Net.Sockets;

namespace MediaEdge.IntegrationTests.Origins;

/// <summary>
/// Listens on 127.0.0.1:P and [::1]:P (one port number on both) and counts the connections it accepts, closing each at once.
/// A refused origin address must leave it at zero; a source allowed to reach it shows that it counts.
/// </summary>
public sealed class ConnectionTrap : IAsyncDisposable
{
    private readonly TcpListener _v4;
    private readonly TcpListener _v6;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _loops;
    private int _accepted;

    private ConnectionTrap(TcpListener v4, TcpListener v6)
    {
        _v4 = v4;
        _v6 = v6;
        Port = ((IPEndPoint)v4.LocalEndpoint).Port;
        _loops = [AcceptAsync(v4), AcceptAsync(v6)];
    }

    public int Port { get; }

    public int Accepted => Volatile.Read(ref _accepted);

    public static ConnectionTrap Start()
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var v4 = new TcpListener(IPAddress.Loopback, 0);
            v4.Start();
            var v6 = new TcpListener(IPAddress.IPv6Loopback, ((IPEndPoint)v4.LocalEndpoint).Port);
            try
            {
                v6.Start();
                return new ConnectionTrap(v4, v6);
            }
            catch (SocketException)
            {
                v4.Stop();
                v6.Dispose();
            }
        }

        throw new InvalidOperationException("No port free on both 127.0.0.1 and ::1 in 20 attempts.");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _v4.Stop();
        _v6.Stop();
        await Task.WhenAll(_loops).WaitAsync(TimeSpan.FromSeconds(5));
        _stop.Dispose();
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                using var client = await listener.AcceptTcpClientAsync(_stop.Token);
                Interlocked.Increment(ref _accepted);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
        }
    }
}
