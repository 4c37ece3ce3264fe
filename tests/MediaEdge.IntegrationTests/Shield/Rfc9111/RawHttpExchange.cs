using System.Net.Sockets;
using System.Text;

namespace MediaEdge.IntegrationTests.Shield.Rfc9111;

/// <summary>
/// One HTTP/1.1 request written byte for byte on a new TCP connection (Connection: close), for header values HttpClient
/// refuses to send (control bytes, obs-text); the answer is read until the server closes.
/// </summary>
public static class RawHttpExchange
{
    /// <returns>The status code, or null where the server closed without a status line.</returns>
    public static async Task<int?> SendAsync(Uri server, string method, string target, IEnumerable<(string Name, string Value)> headers, string? body, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{method} {target} HTTP/1.1\r\nHost: {server.Authority}\r\nConnection: close\r\n");
        foreach (var (name, value) in headers)
        {
            text.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        if (body is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"Content-Length: {Encoding.Latin1.GetByteCount(body)}\r\n");
        }

        text.Append("\r\n").Append(body);
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port, cancellationToken);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(text.ToString()), cancellationToken);
        using var answer = new MemoryStream();
        try
        {
            await stream.CopyToAsync(answer, cancellationToken);
        }
        catch (IOException)
        {
            // A reset after the answer still leaves the status line read so far.
        }

        var head = Encoding.Latin1.GetString(answer.GetBuffer(), 0, (int)Math.Min(answer.Length, 12));
        return head.Length == 12 && head.StartsWith("HTTP/1.", StringComparison.Ordinal) && int.TryParse(head.AsSpan(9, 3), out var status) ? status : null;
    }
}
