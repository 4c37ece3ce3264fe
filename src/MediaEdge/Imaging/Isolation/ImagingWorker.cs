using System.Diagnostics;
using MediaEdge.Requests;

namespace MediaEdge.Imaging.Isolation;

/// <summary>
/// One worker process and its pipes, running one job at a time. When a job's deadline passes the worker is asked to stop
/// (libvips' own abort, ImageSharp's checks between steps), and killed, with every process it started, if it has not
/// answered within the grace: the only hard stop for a decoder that never looks up from its loop.
/// </summary>
internal sealed class ImagingWorker : IDisposable
{
    private readonly Process _process;
    private readonly BinaryReader _reader;
    private readonly BinaryWriter _writer;
    private readonly Lock _lock = new();
    private readonly string?[] _recent = new string?[RecentSources];
    private long _job;
    private int _nextRecent;
    private long _running;
    private int _killed;
    private int _disposed;

    private ImagingWorker(Process process)
    {
        _process = process;
        _reader = WorkerProtocol.Reader(process.StandardOutput.BaseStream);
        _writer = WorkerProtocol.Writer(process.StandardInput.BaseStream);
    }

    /// <summary>How many of the sources it last rendered a worker remembers, for <see cref="HasRendered"/>.</summary>
    public const int RecentSources = 8;

    public int ProcessId => _process.Id;

    /// <summary>Notes that this worker rendered the source of this identity (<see cref="ImagePlan.SourceIdentity"/>); called by the one renting it.</summary>
    public void Rendered(string source)
    {
        if (!HasRendered(source))
        {
            _recent[_nextRecent] = source;
            _nextRecent = (_nextRecent + 1) % RecentSources;
        }
    }

    /// <summary>True where the source is among the last <see cref="RecentSources"/> this worker rendered (its decode may be kept there).</summary>
    public bool HasRendered(string source) => Array.IndexOf(_recent, source) >= 0;

    /// <summary>False once the process has exited or been killed: it takes no more jobs.</summary>
    public bool Usable => Volatile.Read(ref _killed) == 0 && !_process.HasExited;

    /// <summary>True where the last job ended with the process killed.</summary>
    public bool WasKilled => Volatile.Read(ref _killed) == 1;

    /// <summary>Starts a worker and waits until it says it is warm, killing it if that takes longer than <paramref name="patience"/>.</summary>
    public static ImagingWorker Start(WorkerCommand command, TimeSpan patience, Action<string> stderr)
    {
        var start = new ProcessStartInfo(command.FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in command.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in command.Environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"The imaging worker '{command.FileName}' did not start.");
        try
        {
            // Below the node itself: cache hits, refusals and health checks stay prompt while transforms fill the cores.
            process.PriorityClass = ProcessPriorityClass.BelowNormal;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or PlatformNotSupportedException)
        {
            // Left at the node's priority.
        }

        process.ErrorDataReceived += (_, e) =>
        {
            if (!string.IsNullOrEmpty(e.Data))
            {
                stderr(e.Data);
            }
        };
        process.BeginErrorReadLine();
        var worker = new ImagingWorker(process);
        using var timer = new CancellationTokenSource(patience);
        using (timer.Token.Register(static w => ((ImagingWorker)w!).Kill(), worker))
        {
            try
            {
                if (worker._reader.ReadByte() == WorkerProtocol.Ready)
                {
                    return worker;
                }
            }
            catch (Exception e) when (e is IOException or EndOfStreamException)
            {
                // Reported below, with how the process ended.
            }
        }

        var ending = worker.Ending();
        worker.Dispose();
        throw new InvalidOperationException($"The imaging worker '{command.FileName} {string.Join(' ', command.Arguments.Take(2))}' was not ready within {patience.TotalSeconds:0} s ({ending}).");
    }

    /// <summary>
    /// Renders in the worker. At <paramref name="cancellationToken"/> the worker is asked to stop, and killed if it has not
    /// answered within <paramref name="grace"/>; either way this then throws <see cref="OperationCanceledException"/>.
    /// </summary>
    public EncodedImage Render(ReadOnlyMemory<byte> source, ImagePlan plan, TimeSpan grace, CancellationToken cancellationToken) =>
        Run<EncodedImage>(writer => WorkerProtocol.WriteRender(writer, plan, source.Span), $"{plan.Source.Format} image", grace, cancellationToken);

    /// <summary>Reads the source's header in the worker, stopped like <see cref="Render"/>.</summary>
    public SourceInfo Identify(ReadOnlyMemory<byte> source, TimeSpan grace, CancellationToken cancellationToken) =>
        Run<SourceInfo>(writer => WorkerProtocol.WriteIdentify(writer, source.Span), "source", grace, cancellationToken);

    /// <summary>Kills the process and what it started; returns at once (a disposed or finished worker is left as it is).</summary>
    public void Kill()
    {
        Interlocked.Exchange(ref _killed, 1);
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            // Already gone.
        }
    }

    /// <summary>Ends the worker: its input closes, which ends its loop, and it is killed if it does not exit within a second.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(1)))
            {
                Kill();
                _process.WaitForExit(TimeSpan.FromSeconds(5));
            }
        }
        catch (Exception e) when (e is InvalidOperationException or IOException)
        {
            // The pipe is already broken (a killed worker); make sure the process is gone.
            Kill();
            _process.WaitForExit(TimeSpan.FromSeconds(5));
        }

        // The reader and writer only wrap the pipes (left open), which the process owns and disposes.
        _process.Dispose();
    }

    private T Run<T>(Action<BinaryWriter> send, string what, TimeSpan grace, CancellationToken cancellationToken)
        where T : class
    {
        var job = Interlocked.Increment(ref _job);
        Timer? stop = null;
        Volatile.Write(ref _running, job);
        var registration = cancellationToken.Register(() => stop = Stop(job, grace));
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            lock (_lock)
            {
                send(_writer);
            }

            return WorkerProtocol.ReadReply<T>(_reader, cancellationToken);
        }
        catch (Exception e) when (e is IOException or EndOfStreamException or ObjectDisposedException)
        {
            // The pipe broke: killed past its deadline, or the process died of the file (a crash, the kernel's OOM killer).
            // Its slot is given back only once the process is gone.
            Kill();
            _process.WaitForExit(TimeSpan.FromSeconds(10));
            cancellationToken.ThrowIfCancellationRequested();
            throw Problems.Undecodable($"The {what} stopped the process decoding it ({Ending()}).", e);
        }
        finally
        {
            Volatile.Write(ref _running, 0);
            registration.Dispose();
            stop?.Dispose();
        }
    }

    /// <summary>At the deadline: asks the worker to stop job <paramref name="job"/>, and kills it if that job still runs after <paramref name="grace"/>.</summary>
    private Timer Stop(long job, TimeSpan grace)
    {
        try
        {
            lock (_lock)
            {
                WorkerProtocol.WriteCancel(_writer);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // Already gone.
        }

        return new Timer(
            _ =>
            {
                if (Volatile.Read(ref _running) == job)
                {
                    Kill();
                }
            },
            null,
            grace,
            Timeout.InfiniteTimeSpan);
    }

    private string Ending()
    {
        try
        {
            return _process.WaitForExit(TimeSpan.FromSeconds(5)) ? $"exit code {_process.ExitCode}" : "still running";
        }
        catch (InvalidOperationException)
        {
            return "not started";
        }
    }
}
