using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace MediaEdge.IntegrationTests.Origins;

/// <summary>
/// A service process of a test's own (Azurite, s3rver) told to bind 127.0.0.1 port 0, so the kernel picks a free port
/// and nothing can race for it; the port is read from the line the service prints once it listens. It runs in a
/// workspace folder of its own; dispose kills it with its children and deletes the workspace.
/// </summary>
public sealed class ReportedPortProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ReportedPortProcess(Process process, string workspace, int port)
    {
        _process = process;
        Workspace = workspace;
        Port = port;
    }

    public int Port { get; }

    public string Workspace { get; }

    /// <param name="file">The command on PATH.</param>
    /// <param name="arguments">Its arguments, given the workspace folder.</param>
    /// <param name="listening">Matches the line that reports the port, in group 1.</param>
    public static async Task<ReportedPortProcess> StartAsync(string file, Func<string, IEnumerable<string>> arguments, Regex listening)
    {
        var workspace = Path.Combine(Path.GetTempPath(), $"mediaedge-{file}-{Guid.NewGuid().ToString("N")[..12]}");
        Directory.CreateDirectory(workspace);
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workspace,
        };
        foreach (var arg in arguments(workspace))
        {
            start.ArgumentList.Add(arg);
        }

        var reported = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new ConcurrentQueue<string>();
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.Exited += (_, _) => reported.TrySetException(new InvalidOperationException($"{file} exited before listening: " + string.Join(" | ", output)));
        process.OutputDataReceived += (_, e) => Seen(e.Data);
        process.ErrorDataReceived += (_, e) => Seen(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var port = await reported.Task.WaitAsync(TimeSpan.FromSeconds(30));
            return new ReportedPortProcess(process, workspace, port);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            await new ReportedPortProcess(process, workspace, 0).DisposeAsync();
            throw new InvalidOperationException($"{file} did not report its port within 30 s: " + string.Join(" | ", output), e);
        }

        void Seen(string? line)
        {
            if (line is null)
            {
                return;
            }

            output.Enqueue(line);
            if (listening.Match(line) is { Success: true } match)
            {
                reported.TrySetResult(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
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
                Directory.Delete(Workspace, recursive: true);
            }
            catch (IOException)
            {
                // A leftover workspace in /tmp is harmless.
            }
        }
    }
}
