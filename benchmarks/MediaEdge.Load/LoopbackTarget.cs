using System.Net;
using System.Net.Sockets;

namespace MediaEdge.Load;

/// <summary>
/// The tool only ever loads a server on this machine: the target must be an IP loopback literal (no DNS), and every
/// connection is checked again when it is made.
/// </summary>
internal static class LoopbackTarget
{
    public static Uri Parse(string? text)
    {
        if (text is null || !Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp)
        {
            throw new ArgumentException($"--target must be an http:// URL such as http://127.0.0.1:8080, got '{text}'.");
        }

        if (!IPAddress.TryParse(uri.IdnHost, out var address) || !IPAddress.IsLoopback(address))
        {
            throw new ArgumentException($"--target must be a loopback IP address (127.0.0.1 or [::1]), got host '{uri.Host}'.");
        }

        return new Uri(uri.GetLeftPart(UriPartial.Authority) + "/");
    }

    public static HttpClient CreateClient(int connections, TimeSpan timeout)
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            MaxConnectionsPerServer = connections,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            ConnectCallback = ConnectAsync,
        };
        return new HttpClient(handler) { Timeout = timeout };
    }

    private static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        if (!IPAddress.TryParse(context.DnsEndPoint.Host.Trim('[', ']'), out var address) || !IPAddress.IsLoopback(address))
        {
            throw new HttpRequestException($"Refusing to connect to {context.DnsEndPoint.Host}: only loopback addresses are loaded.");
        }

        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
