using System.Text;

namespace MediaEdge.IntegrationTests.Fuzz;

/// <summary>A node serving <see cref="FuzzMedia"/> as <c>fuzz</c>, with an output limit that keeps every accepted transform cheap.</summary>
public sealed class FuzzServer : IAsyncLifetime
{
    private MediaEdgeServer? _server;

    public FuzzMedia Media { get; } = new();

    public MediaEdgeServer Server => _server ?? throw new InvalidOperationException("The server has not started.");

    public async Task InitializeAsync() => _server = await MediaEdgeServer.StartAsync(new Dictionary<string, string?>
    {
        [$"MediaEdge:Sources:{RequestGenerator.Source}:Kind"] = "FileSystem",
        [$"MediaEdge:Sources:{RequestGenerator.Source}:Root"] = Media.Root,
        [$"MediaEdge:Presets:{RequestGenerator.Preset}"] = RequestGenerator.PresetQuery,
        ["MediaEdge:Limits:MaxOutputPixels"] = RequestGenerator.MaxOutputPixels.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    /// <summary>
    /// A keep-alive client for many workers at once that sends header values as UTF-8 (so non-ASCII reaches the server)
    /// and records server failures in <paramref name="guard"/>.
    /// </summary>
    public HttpClient CreateClient(out StatusGuard guard)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
            MaxConnectionsPerServer = 64,
            RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8,
        };
        guard = new StatusGuard(handler);
        return new HttpClient(guard, disposeHandler: true) { BaseAddress = Server.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Media.Dispose();
    }
}
