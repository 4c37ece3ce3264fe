using System.Diagnostics;

namespace MediaEdge.IntegrationTests.Redis;

/// <summary>Runs redis-cli against a loopback server, with a timeout after which it is killed.</summary>
public static class RedisCli
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <returns>Standard output, trimmed; where redis-cli fails, standard error too (the caller looks for what it expects).</returns>
    public static async Task<string> RunAsync(int port, params string[] args) => await RunAsync(DefaultTimeout, ["-h", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), .. args]);

    public static async Task<string> RunAsync(TimeSpan timeout, params string[] args)
    {
        var info = new ProcessStartInfo("redis-cli")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("redis-cli did not start.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
            throw new TimeoutException($"redis-cli {string.Join(' ', args)} did not finish within {timeout.TotalSeconds} s.");
        }

        var output = (await stdout).Trim();
        return process.ExitCode == 0 ? output : (output + "\n" + (await stderr).Trim()).Trim();
    }
}
