namespace MediaEdge.IntegrationTests.Video;

/// <summary>
/// Counts this process's ffmpeg and ffprobe children (zombies too: a process not yet reaped still counts) every 20 ms on a thread of its own (a busy thread pool must
/// not thin out the samples) and keeps the largest count seen.
/// </summary>
public sealed class FfmpegSampler : IDisposable
{
    private readonly Thread _thread;
    private volatile bool _stop;
    private int _max;
    private int _samples;

    public FfmpegSampler()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "ffmpeg sampler" };
        _thread.Start();
    }

    public int Max => Volatile.Read(ref _max);

    public int Samples => Volatile.Read(ref _samples);

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
    }

    private void Run()
    {
        while (!_stop)
        {
            var running = ChildProcesses.Ffmpeg().Count;
            if (running > _max)
            {
                Volatile.Write(ref _max, running);
            }

            Interlocked.Increment(ref _samples);
            Thread.Sleep(20);
        }
    }
}
