using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace MediaEdge.IntegrationTests.Redis;

/// <summary>
/// One redis-server on a free loopback port, in its own temporary folder, without persistence. It can be killed (SIGKILL)
/// and started again on the same port; disposing kills it and deletes the folder. Should a test run end without disposing,
/// every server still running is killed when the test process exits; and should the test process itself be killed, the
/// next run kills the servers it left (each folder names its owner's and its server's process ids).
/// </summary>
public sealed class RedisServerProcess : IAsyncDisposable
{
    private const string FolderPrefix = "mediaedge-redis-";
    private const string OwnerFile = "owner.pid";
    private const string ServerFile = "server.pid";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);
    private static readonly ConcurrentDictionary<RedisServerProcess, byte> Running = new();
    private readonly string[] _extraArgs;
    private readonly StringBuilder _log = new();
    private Process? _process;

    static RedisServerProcess()
    {
        KillLeftovers();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var server in Running.Keys)
            {
                server.Kill();
            }
        };
    }

    /// <summary>Ports tried before a start gives up.</summary>
    private const int PortAttempts = 5;

    private RedisServerProcess(int port, string folder, string[] extraArgs)
    {
        Port = port;
        Folder = folder;
        _extraArgs = extraArgs;
    }

    public int Port { get; }

    public string Folder { get; }

    public string EndPoint => "127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture);

    /// <summary>The server's process id while it runs.</summary>
    public int? ProcessId => _process is { HasExited: false } p ? p.Id : null;

    /// <param name="cluster">Starts a cluster-enabled node (its bus port, port + 10000, is free too).</param>
    /// <param name="ports">The ports to try first, before free ones (a test of the retry).</param>
    public static async Task<RedisServerProcess> StartAsync(bool cluster = false, IReadOnlyList<int>? ports = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), FolderPrefix + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, OwnerFile), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        string[] extra = cluster ? ["--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "3000"] : [];
        // A port found free may be taken before redis-server binds it (by another test's server, say): then another port.
        for (var attempt = 1; ; attempt++)
        {
            var port = ports is not null && attempt <= ports.Count ? ports[attempt - 1] : LoopbackPort.Next(withBusPort: cluster);
            var server = new RedisServerProcess(port, folder, extra);
            try
            {
                await server.RestartAsync();
                return server;
            }
            catch (PortTakenException) when (attempt < PortAttempts)
            {
                server.Kill();
            }
            catch
            {
                await server.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>
    /// Starts the server again on the same port and folder (after <see cref="Kill"/>); returns once it says it is ready
    /// to accept connections, which it says only once it has bound the port (its log goes to its standard output, read
    /// here as it comes: an event, not a poll).
    /// </summary>
    public async Task RestartAsync()
    {
        if (ProcessId is not null)
        {
            throw new InvalidOperationException($"redis-server on {EndPoint} is still running.");
        }

        var info = new ProcessStartInfo("redis-server") { UseShellExecute = false, WorkingDirectory = Folder, RedirectStandardOutput = true };
        string[] args =
        [
            "--port", Port.ToString(CultureInfo.InvariantCulture),
            "--bind", "127.0.0.1",
            "--save", "",
            "--appendonly", "no",
            "--dir", Folder,
            "--logfile", "",
            "--daemonize", "no",
            .. _extraArgs,
        ];
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _process?.Dispose();
        _process = new Process { StartInfo = info };
        _process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is null)
            {
                return;
            }

            lock (_log)
            {
                _log.AppendLine(line.Data);
            }

            if (line.Data.Contains("Ready to accept connections", StringComparison.Ordinal))
            {
                ready.TrySetResult();
            }
        };
        _process.Start();
        _process.BeginOutputReadLine();
        Running[this] = 0;
        File.WriteAllText(Path.Combine(Folder, ServerFile), _process.Id.ToString(CultureInfo.InvariantCulture));

        using var timeout = new CancellationTokenSource(StartTimeout);
        var exited = _process.WaitForExitAsync(timeout.Token);
        var first = await Task.WhenAny(ready.Task, exited);
        if (first == ready.Task)
        {
            return;
        }

        if (exited.IsCompletedSuccessfully)
        {
            // Exited (its output read to the end): its last lines say why.
            var log = Log();
            throw log.Contains("Address already in use", StringComparison.Ordinal)
                ? new PortTakenException($"redis-server could not bind {EndPoint}: {log}")
                : new InvalidOperationException($"redis-server on {EndPoint} exited with {_process.ExitCode}: {log}");
        }

        Kill();
        throw new TimeoutException($"redis-server on {EndPoint} did not say it was ready within {StartTimeout.TotalSeconds} s: {Log()}");
    }

    /// <summary>Kills the server at once (SIGKILL, with any children): no shutdown, no goodbye to its clients.</summary>
    public void Kill()
    {
        var process = _process;
        if (process is null)
        {
            return;
        }

        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // It had already exited.
        }

        Running.TryRemove(this, out _);
    }

    /// <summary>Kills the servers of test processes that are gone, and deletes their folders.</summary>
    private static void KillLeftovers()
    {
        foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            var ownerFile = Path.Combine(folder, OwnerFile);
            if (!File.Exists(ownerFile) && DateTime.UtcNow - Directory.GetCreationTimeUtc(folder) < TimeSpan.FromMinutes(1))
            {
                // Being created by another test process right now.
                continue;
            }

            using (var owner = ProcessOf(ownerFile))
            {
                if (owner is not null)
                {
                    continue;
                }
            }

            using (var server = ProcessOf(Path.Combine(folder, ServerFile)))
            {
                try
                {
                    if (server is { ProcessName: "redis-server" })
                    {
                        server.Kill(entireProcessTree: true);
                        server.WaitForExit(5000);
                    }
                }
                catch (InvalidOperationException)
                {
                    // It exited meanwhile.
                }
            }

            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Another test process may be deleting it too.
            }
        }
    }

    /// <returns>The live process whose id the file holds, or null.</returns>
    private static Process? ProcessOf(string pidFile)
    {
        try
        {
            var process = Process.GetProcessById(int.Parse(File.ReadAllText(pidFile), CultureInfo.InvariantCulture));
            if (!process.HasExited)
            {
                return process;
            }

            process.Dispose();
        }
        catch (Exception e) when (e is IOException or FormatException or ArgumentException or InvalidOperationException or UnauthorizedAccessException)
        {
            // No file, or no such process any more.
        }

        return null;
    }

    /// <summary>What the server has logged, over every start.</summary>
    public string Log()
    {
        lock (_log)
        {
            return _log.Length > 0 ? _log.ToString() : "(no log)";
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process?.Dispose();
        _process = null;
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>redis-server found its port taken between the check that it was free and its bind.</summary>
public sealed class PortTakenException(string message) : InvalidOperationException(message);
