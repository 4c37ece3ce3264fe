using MediaEdge.Requests;

namespace MediaEdge.Limits;

/// <summary>
/// Bounds CPU-heavy work: so many transforms at once, the rest waiting in line (first come, first served). Load is shed by
/// how long a transform would wait against its time budget, predicted from the transforms ahead of it and a moving average
/// of recent transform durations: one that could not finish in time is refused at once with 503 and a Retry-After of its
/// predicted wait, and one already in line is refused as soon as the average shows it no longer can, so a page's burst
/// waits and is served while a flood beyond what the node can do in time is refused without waiting out its budget.
/// The average is corrected upward while every slot holds a transform that has already run longer than it (the node got
/// slower), and the line is looked at again a few times a second while it is not empty. What a transform must still have
/// left once its slot comes is a high percentile of recent durations, not their mean: durations are often bimodal (most
/// widths of a source render from the resize ladder, the first decodes), and the mean would admit a transform with too
/// little time left for a long one.
/// A transform past its time limit answers 503 and its token fires, which stops it (a libvips kill, a worker process
/// killed); its slot comes back when it has stopped.
/// </summary>
public sealed class TransformGate : IDisposable
{
    /// <summary>How often the line is looked at again while it is not empty.</summary>
    private static readonly TimeSpan Review = TimeSpan.FromMilliseconds(250);

    /// <summary>The estimate before any transform has finished.</summary>
    private static readonly TimeSpan FirstEstimate = TimeSpan.FromMilliseconds(500);

    /// <summary>Weight of the latest duration in the moving average: about the last ten transforms count.</summary>
    private const double Smoothing = 0.2;

    /// <summary>The most one duration counts for, in current averages.</summary>
    private const double OutlierFactor = 4;

    /// <summary>How many recent durations the percentile of a transform's own run is taken over.</summary>
    private const int RecentCount = 20;

    /// <summary>The percentile of recent durations planned for a transform's own run (of 20: the third longest).</summary>
    private const double RunPercentile = 0.9;

    private readonly int _concurrency;
    private readonly int _maxQueued;
    private readonly TimeSpan _timeout;
    private readonly TimeSpan _maxQueueWait;
    private readonly int _timeoutSeconds;
    private readonly TimeProvider _time;
    private readonly DecodeBudget? _budget;
    private readonly Lock _lock = new();
    private readonly LinkedList<Waiter> _line = new();
    private readonly LinkedList<long> _runningSince = new();
    private readonly ITimer _review;
    private int _free;
    private readonly double[] _recentSeconds = new double[RecentCount];
    private double _averageSeconds = FirstEstimate.TotalSeconds;
    private int _recentCount;
    private int _recentNext;
    private int _pending;

    /// <param name="time">The clock of deadlines and durations.</param>
    /// <param name="budget">Decode memory, reserved by <see cref="RunAsync{T}(Func{CancellationToken, T}, long, Action?, DateTimeOffset?)"/> once a transform has its slot.</param>
    public TransformGate(LimitsOptions limits, TimeProvider? time = null, DecodeBudget? budget = null)
    {
        _concurrency = limits.EffectiveConcurrency;
        _free = _concurrency;
        _maxQueued = Math.Max(0, limits.MaxQueuedTransforms);
        _timeoutSeconds = limits.TransformTimeoutSeconds;
        _timeout = TimeSpan.FromSeconds(limits.TransformTimeoutSeconds);
        _maxQueueWait = TimeSpan.FromSeconds(limits.MaxQueueWaitSeconds);
        _time = time ?? TimeProvider.System;
        _budget = budget;
        _review = _time.CreateTimer(static gate => ((TransformGate)gate!).ReviewLine(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Transforms running or waiting.</summary>
    public int Pending => Volatile.Read(ref _pending);

    /// <summary>The moving average of recent transform durations, from the slot taken to the work stopped.</summary>
    public TimeSpan AverageDuration
    {
        get
        {
            lock (_lock)
            {
                return TimeSpan.FromSeconds(_averageSeconds);
            }
        }
    }

    public void Dispose() => _review.Dispose();

    public Task<T> RunAsync<T>(Func<CancellationToken, T> work, Action? onRejected = null) => RunAsync(work, 0, onRejected);

    /// <summary>
    /// Runs <paramref name="work"/> in a slot, within Limits:TransformTimeoutSeconds of <paramref name="arrivedAt"/> (the
    /// request's arrival, so the time spent before the gate counts; now where null), with <paramref name="decodeBytes"/> of
    /// decode memory reserved once the slot is taken (transforms waiting in line hold none).
    /// </summary>
    public async Task<T> RunAsync<T>(Func<CancellationToken, T> work, long decodeBytes, Action? onRejected = null, DateTimeOffset? arrivedAt = null)
    {
        if (decodeBytes > 0)
        {
            _budget?.EnsureFits(decodeBytes);
        }

        var now = _time.GetUtcNow();
        var deadlineAt = (arrivedAt ?? now) + _timeout;
        var deadline = new CancellationTokenSource(deadlineAt > now ? deadlineAt - now : TimeSpan.Zero, _time);

        // Taken once: the work's continuation disposes the source, possibly before this method reads it again.
        var token = deadline.Token;
        var handedOver = false;
        var slotTaken = false;
        IDisposable? memory = null;
        try
        {
            try
            {
                await EnterAsync(deadlineAt, token).ConfigureAwait(false);
                slotTaken = true;
                if (decodeBytes > 0 && _budget is not null)
                {
                    memory = await _budget.ReserveAsync(decodeBytes, Timeout.InfiniteTimeSpan, token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                throw Problems.TransformTimeout(_timeoutSeconds);
            }
            catch (ProblemException refused) when (refused.Type == "overloaded")
            {
                onRejected?.Invoke();
                throw;
            }

            LinkedListNode<long> running;
            lock (_lock)
            {
                running = _runningSince.AddLast(_time.GetTimestamp());
            }

            var task = Task.Run(() => work(token));
            _ = task.ContinueWith(
                t =>
                {
                    // Seen here, so a transform abandoned at its deadline leaves no unobserved exception behind.
                    _ = t.Exception;
                    memory?.Dispose();
                    Leave(running);
                    deadline.Dispose();
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
            handedOver = true;
            try
            {
                return await task.WaitAsync(token).ConfigureAwait(false);
            }
            catch (Exception) when (token.IsCancellationRequested)
            {
                // Whatever the work threw once its deadline had passed (a killed worker, libvips' "killed") is the timeout.
                throw Problems.TransformTimeout(_timeoutSeconds);
            }
        }
        finally
        {
            if (!handedOver)
            {
                memory?.Dispose();
                if (slotTaken)
                {
                    Leave(running: null);
                }
                else
                {
                    // Refused, shed from the line, or out of time in it.
                    lock (_lock)
                    {
                        _pending--;
                    }
                }

                deadline.Dispose();
            }
        }
    }

    /// <summary>
    /// The wait of a transform that needs <paramref name="before"/> more transforms to leave before it has a slot: as many
    /// average durations, shared among the slots.
    /// </summary>
    internal TimeSpan PredictWait(int before, TimeSpan average) =>
        before <= 0 ? TimeSpan.Zero : average * before / _concurrency;

    /// <summary>Takes a slot, or a place in line; refuses at once (503) a transform whose predicted wait is past its budget.</summary>
    private Task EnterAsync(DateTimeOffset deadline, CancellationToken token)
    {
        Waiter waiter;
        lock (_lock)
        {
            var ahead = _pending++;
            if (_free > 0 && _line.Count == 0)
            {
                _free--;
                return Task.CompletedTask;
            }

            var average = Estimate();
            var wait = PredictWait(_line.Count + 1, average);
            var tooMany = _maxQueued > 0 && _line.Count >= _maxQueued;
            if (tooMany || wait > Allowed(LongRun(average), deadline - _time.GetUtcNow()))
            {
                throw Refusal(wait, average, ahead, tooMany);
            }

            waiter = new Waiter(deadline, ahead);
            waiter.Node = _line.AddLast(waiter);
            if (_line.Count == 1)
            {
                _review.Change(Review, Review);
            }
        }

        waiter.Cancellation = token.Register(() => Abandon(waiter));
        return waiter.Ready.Task;
    }

    /// <summary>
    /// A transform leaves its slot (<paramref name="running"/>: it ran, and its duration counts; null: it never started):
    /// the slot goes to the next in line, or is freed; then whoever in line can no longer finish in time is refused.
    /// </summary>
    private void Leave(LinkedListNode<long>? running)
    {
        Waiter? next = null;
        List<(Waiter Waiter, TimeSpan Wait, TimeSpan Average)> shed;
        lock (_lock)
        {
            _pending--;
            if (running is not null)
            {
                // One outlier (a first run compiling its code, one huge source) moves the average by at most 60%; a real
                // slowdown shows in every slot's running transform at once (Estimate) and in the samples that follow.
                _runningSince.Remove(running);
                var sample = Math.Min(_time.GetElapsedTime(running.Value).TotalSeconds, OutlierFactor * _averageSeconds);
                _averageSeconds += Smoothing * (sample - _averageSeconds);
                _recentSeconds[_recentNext] = sample;
                _recentNext = (_recentNext + 1) % RecentCount;
                _recentCount = Math.Min(_recentCount + 1, RecentCount);
            }

            if (_line.First is { } first)
            {
                _line.RemoveFirst();
                first.Value.Node = null;
                next = first.Value;
            }
            else
            {
                _free++;
            }

            shed = Shed();
        }

        next?.Ready.TrySetResult();
        Refuse(shed);
    }

    private void ReviewLine()
    {
        List<(Waiter Waiter, TimeSpan Wait, TimeSpan Average)> shed;
        lock (_lock)
        {
            shed = Shed();
        }

        Refuse(shed);
    }

    /// <summary>
    /// The average duration to plan with: the moving average, or, while every slot holds a transform that has run longer
    /// than it, the shortest such run (transforms have become slower than the average says).
    /// </summary>
    private TimeSpan Estimate()
    {
        var average = TimeSpan.FromSeconds(_averageSeconds);
        if (_runningSince.Count < _concurrency || _runningSince.Last is not { } newest)
        {
            return average;
        }

        var shortest = _time.GetElapsedTime(newest.Value);
        return shortest > average ? shortest : average;
    }

    /// <summary>
    /// What a transform's own run is planned at: the 90th percentile of the last 20 durations (each capped like the
    /// average's samples), or <paramref name="estimate"/> where that is longer or fewer than 10 have finished (the first
    /// runs of a node are slow with compiling, and one of a few would be the percentile).
    /// </summary>
    private TimeSpan LongRun(TimeSpan estimate)
    {
        if (_recentCount < RecentCount / 2)
        {
            return estimate;
        }

        Span<double> sorted = stackalloc double[RecentCount];
        sorted = sorted[.._recentCount];
        _recentSeconds.AsSpan(0, _recentCount).CopyTo(sorted);
        sorted.Sort();
        var percentile = TimeSpan.FromSeconds(sorted[(int)Math.Ceiling(RunPercentile * _recentCount) - 1]);
        return percentile > estimate ? percentile : estimate;
    }

    /// <summary>Takes out of the line whoever can no longer finish in time; the k-th that stays starts after k more transforms leave.</summary>
    private List<(Waiter Waiter, TimeSpan Wait, TimeSpan Average)> Shed()
    {
        var shed = new List<(Waiter, TimeSpan, TimeSpan)>();
        var average = Estimate();
        var longRun = LongRun(average);
        var now = _time.GetUtcNow();
        var kept = 0;
        var place = 0;
        for (var node = _line.First; node is not null;)
        {
            var following = node.Next;
            place++;
            if (PredictWait(kept + 1, average) <= Allowed(longRun, node.Value.Deadline - now))
            {
                kept++;
            }
            else
            {
                // One refused is told the wait of its place in line, so those refused together do not all come back at once.
                _line.Remove(node);
                node.Value.Node = null;
                shed.Add((node.Value, PredictWait(place, average), average));
            }

            node = following;
        }

        if (_line.Count == 0)
        {
            _review.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        return shed;
    }

    private void Refuse(List<(Waiter Waiter, TimeSpan Wait, TimeSpan Average)> shed)
    {
        foreach (var (waiter, wait, average) in shed)
        {
            waiter.Cancellation.Dispose();
            waiter.Ready.TrySetException(Refusal(wait, average, waiter.Ahead, tooMany: false));
        }
    }

    /// <summary>A waiter whose deadline passed leaves the line (the caller answers the timeout).</summary>
    private void Abandon(Waiter waiter)
    {
        lock (_lock)
        {
            if (waiter.Node is null)
            {
                return;
            }

            _line.Remove(waiter.Node);
            waiter.Node = null;
        }

        waiter.Ready.TrySetCanceled();
    }

    /// <summary>
    /// How long a transform may still wait: what its time budget leaves after a long run of its own
    /// (<paramref name="longRun"/>), and no more than Limits:MaxQueueWaitSeconds where that is set.
    /// </summary>
    private TimeSpan Allowed(TimeSpan longRun, TimeSpan left) =>
        _maxQueueWait > TimeSpan.Zero && _maxQueueWait < left - longRun ? _maxQueueWait : left - longRun;

    private ProblemException Refusal(TimeSpan wait, TimeSpan average, int ahead, bool tooMany)
    {
        var retryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        return Problems.Overloaded(
            tooMany
                ? $"{_maxQueued} transforms are already waiting for a slot (Limits:MaxQueuedTransforms). Retry after {retryAfter} s."
                : $"This transform would wait about {wait.TotalSeconds:0.0} s for one of {_concurrency} slots (behind {ahead} running or waiting, {average.TotalMilliseconds:0} ms each on average), longer than its time budget allows (Limits:TransformTimeoutSeconds{(_maxQueueWait > TimeSpan.Zero ? ", Limits:MaxQueueWaitSeconds" : "")}). Retry after {retryAfter} s.",
            retryAfter);
    }

    private sealed class Waiter(DateTimeOffset deadline, int ahead)
    {
        public TaskCompletionSource Ready { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public DateTimeOffset Deadline { get; } = deadline;

        public int Ahead { get; } = ahead;

        public LinkedListNode<Waiter>? Node { get; set; }

        public CancellationTokenRegistration Cancellation { get; set; }
    }
}
