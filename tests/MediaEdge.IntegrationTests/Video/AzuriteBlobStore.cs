using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace MediaEdge.IntegrationTests.Video;

/// <summary>
/// An Azurite blob service of the video tests' own (in memory, on a free 127.0.0.1 port) with one container, filled
/// through Azure.Storage.Blobs as an uploader would; stopped with its children on dispose.
/// </summary>
public sealed class AzuriteBlobStore : IAsyncLifetime
{
    public const string Container = "videos";

    /// <summary>The emulator's published development account key.</summary>
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly string _workspace = Path.Combine(Path.GetTempPath(), "mediaedge-video-azurite-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();
    private Process? _process;
    private BlobContainerClient? _container;
    private int _port;

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};BlobEndpoint=http://127.0.0.1:{_port}/devstoreaccount1;";

    /// <summary>The MediaEdge:Sources:{name} keys of a source reading this container.</summary>
    public IReadOnlyDictionary<string, string?> SourceSettings(string name) => new Dictionary<string, string?>
    {
        [$"MediaEdge:Sources:{name}:Kind"] = "AzureBlob",
        [$"MediaEdge:Sources:{name}:ConnectionString"] = ConnectionString,
        [$"MediaEdge:Sources:{name}:Container"] = Container,
    };

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_workspace);
        _port = FreePort();
        var start = new ProcessStartInfo("azurite-blob") { UseShellExecute = false, WorkingDirectory = _workspace, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--blobHost", "127.0.0.1", "--blobPort", _port.ToString(CultureInfo.InvariantCulture), "--skipApiVersionCheck", "--inMemoryPersistence", "--silent", "--disableTelemetry" })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        _container = new BlobContainerClient(ConnectionString, Container);

        // Azurite listens once node has loaded it; until then the connection is refused.
        var started = Stopwatch.GetTimestamp();
        while (!await AcceptsAsync(_port))
        {
            if (_process.HasExited || Stopwatch.GetElapsedTime(started) > TimeSpan.FromSeconds(30))
            {
                throw new InvalidOperationException($"azurite-blob did not listen on 127.0.0.1:{_port} within 30 s (exited: {_process.HasExited}): " + string.Join(" | ", _output));
            }

            await Task.Delay(100);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _container.CreateIfNotExistsAsync(cancellationToken: timeout.Token);
    }

    public async Task PutAsync(string name, byte[] bytes, string contentType)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _container!.GetBlobClient(name).UploadAsync(new BinaryData(bytes), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } }, timeout.Token);
    }

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            try
            {
                if (!_process.HasExited)
                {
                    _process.Kill(entireProcessTree: true);
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                    await _process.WaitForExitAsync(timeout.Token);
                }
            }
            catch (InvalidOperationException)
            {
                // It had already exited.
            }
            finally
            {
                _process.Dispose();
            }
        }

        try
        {
            Directory.Delete(_workspace, recursive: true);
        }
        catch (IOException)
        {
            // An empty folder left in /tmp is harmless.
        }
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)listener.LocalEndPoint!).Port;
    }
}
