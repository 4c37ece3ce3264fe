using System.Diagnostics;

namespace MediaEdge.IntegrationTests.Security;

/// <summary>
/// The peak working set of this process (the test and the node it hosts) over a burst: sampled every 20 ms on a
/// thread of its own, and read from the kernel's high-water mark where Linux lets it be reset first (clear_refs 5),
/// so the peak is this burst's, not the run's.
/// </summary>
public sealed class MemorySampler : IDisposable
{
    private const long Mebibyte = 1024 * 1024;
    private readonly Process _process = Process.GetCurrentProcess();
    private readonly Thread _thread;
    private readonly bool _highWaterReset;
    private volatile bool _stop;
    private long _sampled;

    private MemorySampler()
    {
        Baseline = Settle(_process);
        _highWaterReset = ResetHighWaterMark();
        _thread = new Thread(Sample) { IsBackground = true, Name = "memory sampler" };
        _thread.Start();
    }

    /// <summary>The working set after a full, compacting garbage collection, before the burst.</summary>
    public long Baseline { get; }

    public long BaselineMebibytes => Baseline / Mebibyte;

    public static MemorySampler Start() => new();

    /// <summary>Stops sampling and returns the peak working set seen during the burst, in bytes.</summary>
    public long Stop()
    {
        _stop = true;
        _thread.Join();
        _process.Refresh();
        return _highWaterReset ? Math.Max(Volatile.Read(ref _sampled), _process.PeakWorkingSet64) : Volatile.Read(ref _sampled);
    }

    public void Dispose()
    {
        if (!_stop)
        {
            Stop();
        }

        _process.Dispose();
    }

    public override string ToString() => _highWaterReset ? "sampled every 20 ms and from the kernel's reset high-water mark" : "sampled every 20 ms";

    private static long Settle(Process process)
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        process.Refresh();
        return process.WorkingSet64;
    }

    private static bool ResetHighWaterMark()
    {
        try
        {
            File.WriteAllText($"/proc/{Environment.ProcessId}/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private void Sample()
    {
        using var process = Process.GetCurrentProcess();
        while (!_stop)
        {
            process.Refresh();
            var now = process.WorkingSet64;
            if (now > Volatile.Read(ref _sampled))
            {
                Volatile.Write(ref _sampled, now);
            }

            Thread.Sleep(20);
        }
    }
}
