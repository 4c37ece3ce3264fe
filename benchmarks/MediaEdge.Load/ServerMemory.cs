using System.Globalization;

namespace MediaEdge.Load;

/// <summary>
/// Samples a process's resident set from /proc/PID/status while the load runs, and reads the kernel's own peak (VmHWM)
/// at the end, which catches spikes between samples.
/// </summary>
internal sealed class ServerMemory : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    private readonly int _pid;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private long _peakKiB;

    private ServerMemory(int pid, long startKiB)
    {
        _pid = pid;
        StartKiB = startKiB;
        _peakKiB = startKiB;
        _sampling = SampleAsync();
    }

    public long StartKiB { get; }

    /// <summary>Starts sampling; null when the process cannot be read (gone, or not Linux).</summary>
    public static ServerMemory? Start(int pid) => Read(pid, "VmRSS") is { } rss ? new ServerMemory(pid, rss) : null;

    public async Task<MemoryReport> StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _sampling.ConfigureAwait(false);
        var end = Read(_pid, "VmRSS") ?? 0;
        return new MemoryReport(_pid, StartKiB, Math.Max(_peakKiB, end), end, Read(_pid, "VmHWM"));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _sampling.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                if (Read(_pid, "VmRSS") is { } rss && rss > _peakKiB)
                {
                    _peakKiB = rss;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private static long? Read(int pid, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(field + ":", StringComparison.Ordinal))
                {
                    return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return null;
    }
}

/// <summary>The server's resident set over the measured phase, in KiB; HighWaterKiB is the process's lifetime peak.</summary>
internal sealed record MemoryReport(int Pid, long StartKiB, long PeakSampledKiB, long EndKiB, long? HighWaterKiB)
{
    public double GrowthMiB => (EndKiB - StartKiB) / 1024.0;
}
