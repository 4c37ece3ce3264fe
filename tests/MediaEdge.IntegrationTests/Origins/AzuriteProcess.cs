using System.Diagnostics;
using System.Text.RegularExpressions;

namespace MediaEdge.IntegrationTests.Origins;

/// <summary>
/// An Azurite blob service of its own: 127.0.0.1, a port the kernel picks, in memory, killed (with its children) on dispose.
/// --skipApiVersionCheck because Azure.Storage.Blobs sends a newer API version than Azurite knows.
/// </summary>
public sealed partial class AzuriteProcess : IAsyncDisposable
{
    /// <summary>The emulator's well-known development account key.</summary>
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;
    private readonly string _workspace;

    private AzuriteProcess(Process process, string workspace, int port)
    {
        _process = process;
        _workspace = workspace;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};BlobEndpoint=http://127.0.0.1:{Port}/devstoreaccount1;";

    public static async Task<AzuriteProcess> StartAsync()
    {
        var workspace = Path.Combine(Path.GetTempPath(), "mediaedge-azurite-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(workspace);
        var start = new ProcessStartInfo("azurite-blob")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workspace,
        };
        foreach (var arg in new[] { "--blobHost", "127.0.0.1", "--blobPort", "0", "--skipApiVersionCheck", "--inMemoryPersistence", "--silent", "--disableTelemetry" })
        {
            start.ArgumentList.Add(arg);
        }

        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("Azurite exited before listening: " + string.Join(" | ", output)));
        process.OutputDataReceived += (_, e) => Seen(e.Data);
        process.ErrorDataReceived += (_, e) => Seen(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var port = await listening.Task.WaitAsync(TimeSpan.FromSeconds(30));
            return new AzuriteProcess(process, workspace, port);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            await new AzuriteProcess(process, workspace, 0).DisposeAsync();
            throw new InvalidOperationException("Azurite did not report its port within 30 s: " + string.Join(" | ", output), e);
        }

        void Seen(string? line)
        {
            if (line is null)
            {
                return;
            }

            output.Enqueue(line);
            if (ListeningLine().Match(line) is { Success: true } match)
            {
                listening.TrySetResult(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }

    public async ValueTask DisposeAsync()
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
            // Already gone.
        }
        finally
        {
            _process.Dispose();
            try
            {
                Directory.Delete(_workspace, recursive: true);
            }
            catch (IOException)
            {
                // A leftover empty workspace in /tmp is harmless.
            }
        }
    }

    [GeneratedRegex(@"listens on http://127\.0\.0\.1:(\d+)")]
    private static partial Regex ListeningLine();
}
