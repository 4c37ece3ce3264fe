using System.Globalization;
using MediaEdge.Requests;

namespace MediaEdge.Video;

/// <summary>
/// Admits ffmpeg/ffprobe runs by how long they would wait, not by how many wait: <c>Video:MaxProcesses</c> run at
/// once, the rest wait in line, and a new job is refused at once (503, <c>Retry-After</c> the predicted wait rounded
/// up) only when the work ahead of it, spread over the processes, would keep it waiting longer than
/// <c>Video:MaxQueueWaitSeconds</c>. The work ahead is each waiting job's expected duration plus what running jobs
/// still have to go, both from a moving average of recent durations per kind of job, timed by the
/// <see cref="TimeProvider"/>. When finished jobs show the node to be slower than it thought, a job already in line
/// whose wait can no longer end within the budget plus one run's time limit is refused then, not when that time is up.
/// </summary>
public sealed class VideoJobQueue
{
    /// <summary>Weight of the newest duration in the moving average: about the last ten jobs of a kind count.</summary>
    private const double Smoothing = 0.2;

    /// <summary>Weight of the newest duration in the slow average (about the last forty jobs), which a brief spike barely moves.</summary>
    private const double SlowSmoothing = 0.05;

    private readonly object _lock = new();
    private readonly TimeProvider _time;
    private readonly int _processes;
    private readonly double _budget;
    private readonly double _patience;
    private readonly double[] _average;
    private readonly double[] _slowAverage;
    private readonly Dictionary<long, (long Started, VideoJob Kind)> _running = [];
    private readonly LinkedList<Waiter> _line = new();
    private readonly int[] _waitingByKind;
    private long _lastId;
    private long _refused;

    public VideoJobQueue(VideoOptions options, TimeProvider time)
    {
        _processes = Math.Max(1, options.MaxProcesses);
        _budget = options.MaxQueueWaitSeconds;
        _patience = options.MaxQueueWaitSeconds + options.TimeoutSeconds;
        _time = time;

        // Guesses for a node that has not finished a job of the kind yet; the first real durations soon replace them.
        _average = new double[Enum.GetValues<VideoJob>().Length];
        _average[(int)VideoJob.Probe] = 0.5;
        _average[(int)VideoJob.Scan] = 1;
        _average[(int)VideoJob.Frame] = 1;
        _average[(int)VideoJob.Animated] = 4;
        _average[(int)VideoJob.Storyboard] = 4;
        _average[(int)VideoJob.Clip] = 10;
        _average[(int)VideoJob.Segment] = 3;
        _slowAverage = (double[])_average.Clone();
        _waitingByKind = new int[_average.Length];
    }

    /// <summary>Jobs holding a process slot.</summary>
    public int Running
    {
        get
        {
            lock (_lock)
            {
                return _running.Count;
            }
        }
    }

    /// <summary>Admitted jobs waiting for a slot.</summary>
    public int Waiting
    {
        get
        {
            lock (_lock)
            {
                return _line.Count;
            }
        }
    }

    /// <summary>Jobs refused since the start, at admission or while in line.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>The moving average of a kind's durations.</summary>
    public TimeSpan Average(VideoJob kind)
    {
        lock (_lock)
        {
            return TimeSpan.FromSeconds(_average[(int)kind]);
        }
    }

    /// <summary>How long a job admitted now would wait for a slot.</summary>
    public TimeSpan PredictedWait()
    {
        lock (_lock)
        {
            return TimeSpan.FromSeconds(PredictLocked());
        }
    }

    /// <summary>Takes a process slot, waiting in line for one; throws a 503 at once where the wait would run past the budget.</summary>
    /// <returns>The slot; disposing it frees the slot, and <see cref="VideoJobSlot.Completed"/> first makes its duration count.</returns>
    public Task<VideoJobSlot> EnterAsync(VideoJob kind, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Waiter waiter;
        lock (_lock)
        {
            var wait = PredictLocked();
            if (wait > _budget)
            {
                Interlocked.Increment(ref _refused);
                return Task.FromException<VideoJobSlot>(Overloaded(wait, $"A video job now would wait about {Format(wait)} s for an ffmpeg process ({_running.Count} running, {_line.Count} waiting, a {Describe(kind)} taking about {Format(_average[(int)kind])} s), more than Video:MaxQueueWaitSeconds ({Format(_budget)} s)."));
            }

            if (_running.Count < _processes)
            {
                return Task.FromResult(StartLocked(kind));
            }

            waiter = new Waiter(this, kind, _time.GetTimestamp());
            waiter.Node = _line.AddLast(waiter);
            _waitingByKind[(int)kind]++;
        }

        // Outside the lock: a token cancelled already runs its callback here, and that callback takes the lock.
        waiter.Cancellation = cancellationToken.UnsafeRegister(static (state, token) => ((Waiter)state!).Queue.Abandon((Waiter)state!, token), waiter);
        waiter.Patience = _time.CreateTimer(static state => ((Waiter)state!).Queue.GiveUp((Waiter)state!), waiter, TimeSpan.FromSeconds(_patience), Timeout.InfiniteTimeSpan);
        lock (_lock)
        {
            // Granted, cancelled or refused before the callbacks were in place: they must not outlive the wait.
            if (waiter.Node is null)
            {
                waiter.Release();
            }
        }

        return waiter.Done.Task;
    }

    internal void Leave(long id, VideoJob kind, bool completed)
    {
        lock (_lock)
        {
            var slower = false;
            if (_running.Remove(id, out var job) && completed)
            {
                var seconds = _time.GetElapsedTime(job.Started).TotalSeconds;
                ref var average = ref _average[(int)kind];
                slower = seconds > average;
                average += Smoothing * (seconds - average);
                _slowAverage[(int)kind] += SlowSmoothing * (seconds - _slowAverage[(int)kind]);
            }

            if (_line.First is { } next)
            {
                var waiter = next.Value;
                RemoveLocked(waiter);
                waiter.Done.TrySetResult(StartLocked(waiter.Kind));
            }

            if (slower)
            {
                RefuseHopelessLocked();
            }
        }
    }

    private static string Format(double seconds) => seconds.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Describe(VideoJob kind) => kind switch
    {
        VideoJob.Probe => "probe",
        VideoJob.Scan => "packet scan",
        VideoJob.Frame => "frame",
        VideoJob.Animated => "animated preview",
        VideoJob.Clip => "clip",
        VideoJob.Segment => "HLS segment",
        _ => "storyboard",
    };

    private static ProblemException Overloaded(double wait, string detail) =>
        new(503, "video-overloaded", "Too much video work waiting", detail + " Retry later.", new Dictionary<string, object?>
        {
            ["limit"] = "Video:MaxQueueWaitSeconds",
            ["predictedWaitSeconds"] = Math.Ceiling(wait * 10) / 10,
        })
        { RetryAfterSeconds = Math.Max(1, (int)Math.Ceiling(wait)) };

    private VideoJobSlot StartLocked(VideoJob kind)
    {
        var id = ++_lastId;
        _running[id] = (_time.GetTimestamp(), kind);
        return new VideoJobSlot(this, id, kind);
    }

    private void RemoveLocked(Waiter waiter)
    {
        _line.Remove(waiter.Node!);
        waiter.Node = null;
        _waitingByKind[(int)waiter.Kind]--;
        waiter.Release();
    }

    /// <summary>The client left while its job waited in line.</summary>
    private void Abandon(Waiter waiter, CancellationToken token)
    {
        lock (_lock)
        {
            if (waiter.Node is null)
            {
                return;
            }

            RemoveLocked(waiter);
        }

        waiter.Done.TrySetCanceled(token);
    }

    /// <summary>The job waited its budget plus a run's time limit: the prediction that admitted it was far off.</summary>
    private void GiveUp(Waiter waiter)
    {
        double wait;
        lock (_lock)
        {
            if (waiter.Node is null)
            {
                return;
            }

            RemoveLocked(waiter);
            wait = PredictLocked();
        }

        Interlocked.Increment(ref _refused);
        waiter.Done.TrySetException(Overloaded(Math.Max(wait, _budget), $"This video job waited {Format(_patience)} s (Video:MaxQueueWaitSeconds plus Video:TimeoutSeconds) for an ffmpeg process without getting one: the node is slower than its recent jobs predicted."));
    }

    /// <summary>
    /// Refuses, front to back, each job in line that can no longer get a slot within its budget plus a run's time limit,
    /// now that jobs take longer. An admitted job is refused only on the lower of the two averages, so one slow job
    /// among quick ones does not turn the node away from work it would have done in time.
    /// </summary>
    private void RefuseHopelessLocked()
    {
        var cautious = _average.Zip(_slowAverage, Math.Min).ToArray();
        var ahead = RemainingRunningLocked(cautious);
        for (var node = _line.First; node is not null;)
        {
            var next = node.Next;
            var waiter = node.Value;
            var expected = cautious[(int)waiter.Kind];
            var wait = ahead / _processes;
            if (_time.GetElapsedTime(waiter.Enqueued).TotalSeconds + wait > _patience)
            {
                RemoveLocked(waiter);
                Interlocked.Increment(ref _refused);
                waiter.Done.TrySetException(Overloaded(wait, $"This video job was admitted to wait for an ffmpeg process, but jobs now take about {Format(expected)} s, so it would wait about {Format(wait)} s more: past Video:MaxQueueWaitSeconds ({Format(_budget)} s) plus Video:TimeoutSeconds."));
            }
            else
            {
                ahead += expected;
            }

            node = next;
        }
    }

    /// <summary>What running jobs still have to go: each kind's average less the time a job has run (none once past it).</summary>
    private double RemainingRunningLocked(double[] average)
    {
        var work = 0.0;
        foreach (var (started, kind) in _running.Values)
        {
            work += Math.Max(0, average[(int)kind] - _time.GetElapsedTime(started).TotalSeconds);
        }

        return work;
    }

    /// <summary>The work ahead of a new job over the process count; nothing while a slot is free.</summary>
    private double PredictLocked()
    {
        if (_running.Count < _processes && _line.Count == 0)
        {
            return 0;
        }

        var work = RemainingRunningLocked(_average);
        for (var kind = 0; kind < _waitingByKind.Length; kind++)
        {
            work += _waitingByKind[kind] * _average[kind];
        }

        return work / _processes;
    }

    private sealed class Waiter(VideoJobQueue queue, VideoJob kind, long enqueued)
    {
        public VideoJobQueue Queue { get; } = queue;

        public VideoJob Kind { get; } = kind;

        public long Enqueued { get; } = enqueued;

        public TaskCompletionSource<VideoJobSlot> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public LinkedListNode<Waiter>? Node { get; set; }

        public CancellationTokenRegistration Cancellation { get; set; }

        public ITimer? Patience { get; set; }

        /// <summary>Drops the callbacks without waiting for one that is running (it may be waiting for the lock held here).</summary>
        public void Release()
        {
            Cancellation.Unregister();
            Patience?.Dispose();
        }
    }
}
