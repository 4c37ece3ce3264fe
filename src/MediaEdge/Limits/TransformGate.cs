using MediaEdge.Requests;

namespace MediaEdge.Limits;

/// <summary>
/// Bounds CPU-heavy work: so many transforms at once, the rest waiting in line. Slots are shared fairly between tenants
/// (sources): a freed slot goes to the waiting tenant with the fewest transforms running (first come, first served within
/// a tenant and between equals), and while another tenant is active (running, waiting, or seen in the last
/// <see cref="ActiveWindow"/>) no tenant may hold every slot, so a flood on one source leaves the others a slot. Load is shed by
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

    /// <summary>How long a tenant counts as active after its last transform asked for a slot: while another is, a tenant may not take the last slot.</summary>
    public static readonly TimeSpan ActiveWindow = TimeSpan.FromSeconds(10);

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
    private readonly Dictionary<string, Tenant> _tenants = new(StringComparer.Ordinal);
    private readonly ITimer _review;
    private int _free;
    private readonly double[] _recentSeconds = new double[RecentCount];
    private double _averageSeconds = FirstEstimate.TotalSeconds;
    private int _recentCount;
    private int _recentNext;
    private int _pending;

    /// <param name="time">The clock of deadlines and durations.</param>
    /// <param name="budget">Decode memory, reserved by <see cref="RunAsync{T}(Func{CancellationToken, T}, long, Action?, DateTimeOffset?, string?)"/> once a transform has its slot.</param>
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

    /// <summary>Transforms of <paramref name="tenant"/> running now, for tests and metrics.</summary>
    public int RunningOf(string tenant)
    {
        lock (_lock)
        {
            return _tenants.TryGetValue(tenant, out var state) ? state.Running : 0;
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a slot, within Limits:TransformTimeoutSeconds of <paramref name="arrivedAt"/> (the
    /// request's arrival, so the time spent before the gate counts; now where null), with <paramref name="decodeBytes"/> of
    /// decode memory reserved once the slot is taken (transforms waiting in line hold none), sharing the slots fairly with
    /// other <paramref name="tenant"/>s (the source's name; null: one tenant for all).
    /// </summary>
    public async Task<T> RunAsync<T>(Func<CancellationToken, T> work, long decodeBytes, Action? onRejected = null, DateTimeOffset? arrivedAt = null, string? tenant = null)
    {
        tenant ??= "";
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
                await EnterAsync(tenant, deadlineAt, token).ConfigureAwait(false);
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
                    Leave(tenant, running);
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
                    Leave(tenant, running: null);
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
    private Task EnterAsync(string tenant, DateTimeOffset deadline, CancellationToken token)
    {
        Waiter waiter;
        lock (_lock)
        {
            var state = TenantOf(tenant);
            state.LastSeen = _time.GetTimestamp();
            var ahead = _pending++;
            if (_free > 0 && state.Waiting == 0 && Eligible(tenant, state))
            {
                _free--;
                state.Running++;
                return Task.CompletedTask;
            }

            var average = Estimate();
            var wait = PredictWait(FairPlace(tenant, state.Waiting + 1), average);
            var tooMany = _maxQueued > 0 && _line.Count >= _maxQueued;
            if (tooMany || wait > Allowed(LongRun(average), deadline - _time.GetUtcNow()))
            {
                throw Refusal(wait, average, ahead, tooMany);
            }

            waiter = new Waiter(tenant, deadline, ahead);
            waiter.Node = _line.AddLast(waiter);
            state.Waiting++;
            if (_line.Count == 1)
            {
                _review.Change(Review, Review);
            }
        }

        waiter.Cancellation = token.Register(() => Abandon(waiter));
        return waiter.Ready.Task;
    }

    /// <summary>
    /// A transform of <paramref name="tenant"/> leaves its slot (<paramref name="running"/>: it ran, and its duration
    /// counts; null: it never started): the slot goes to whoever in line is next by fair share, or is freed; then whoever
    /// in line can no longer finish in time is refused.
    /// </summary>
    private void Leave(string tenant, LinkedListNode<long>? running)
    {
        List<Waiter> granted;
        List<(Waiter Waiter, TimeSpan Wait, TimeSpan Average)> shed;
        lock (_lock)
        {
            _pending--;
            TenantOf(tenant).Running--;
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

            _free++;
            granted = Dispatch();
            shed = Shed();
        }

        Grant(granted);
        Refuse(shed);
    }

    /// <summary>
    /// Hands free slots to those in line, by fair share: each time to the first waiter of the eligible tenant with the
    /// fewest transforms running. A slot no waiting tenant may take stays free for another tenant's arrival.
    /// </summary>
    private List<Waiter> Dispatch()
    {
        var granted = new List<Waiter>();
        while (_free > 0)
        {
            Waiter? next = null;
            Tenant? nextState = null;
            for (var node = _line.First; node is not null; node = node.Next)
            {
                var state = _tenants[node.Value.Tenant];
                if ((nextState is null || state.Running < nextState.Running) && Eligible(node.Value.Tenant, state))
                {
                    next = node.Value;
                    nextState = state;
                }
            }

            if (next is null || nextState is null)
            {
                break;
            }

            _line.Remove(next.Node!);
            next.Node = null;
            nextState.Waiting--;
            nextState.Running++;
            _free--;
            granted.Add(next);
        }

        return granted;
    }

    private static void Grant(List<Waiter> granted)
    {
        foreach (var waiter in granted)
        {
            waiter.Ready.TrySetResult();
        }
    }

    private Tenant TenantOf(string tenant)
    {
        if (!_tenants.TryGetValue(tenant, out var state))
        {
            state = new Tenant();
            _tenants[tenant] = state;
        }

        return state;
    }

    /// <summary>Whether <paramref name="tenant"/> may take one more slot: not the last one while another tenant is active.</summary>
    private bool Eligible(string tenant, Tenant state)
    {
        if (state.Running + 1 < _concurrency)
        {
            return true;
        }

        if (state.Running >= _concurrency)
        {
            return false;
        }

        foreach (var (name, other) in _tenants)
        {
            if (name != tenant && (other.Running > 0 || other.Waiting > 0 || _time.GetElapsedTime(other.LastSeen) < ActiveWindow))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// How many transforms start before the <paramref name="index"/>-th waiter of <paramref name="tenant"/>, itself
    /// included, under fair share: its own earlier ones and, of every other tenant, as many as it has (up to
    /// <paramref name="index"/>).
    /// </summary>
    private int FairPlace(string tenant, int index)
    {
        var place = index;
        foreach (var (name, other) in _tenants)
        {
            if (name != tenant)
            {
                place += Math.Min(other.Waiting, index);
            }
        }

        return place;
    }

    private void ReviewLine()
    {
        List<Waiter> granted;
        List<(Waiter Waiter, TimeSpan Wait, TimeSpan Average)> shed;
        lock (_lock)
        {
            // A tenant's last slot may have become takeable: the others went quiet.
            granted = Dispatch();
            shed = Shed();
        }

        Grant(granted);
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

    /// <summary>Takes out of the line whoever can no longer finish in time; one that stays starts after its fair place (<see cref="FairPlace"/>) of transforms leave.</summary>
    private List<(Waiter Waiter, TimeSpan Wait, TimeSpan Average)> Shed()
    {
        var shed = new List<(Waiter, TimeSpan, TimeSpan)>();
        if (_line.Count == 0)
        {
            // The common case, every transform leaving a slot: nothing to look at, and no review while none wait.
            _review.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return shed;
        }

        var average = Estimate();
        var longRun = LongRun(average);
        var now = _time.GetUtcNow();
        var kept = new Dictionary<string, int>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var node = _line.First; node is not null;)
        {
            var following = node.Next;
            var tenant = node.Value.Tenant;
            var index = kept.GetValueOrDefault(tenant) + 1;
            var place = seen[tenant] = seen.GetValueOrDefault(tenant) + 1;
            if (PredictWait(FairPlace(tenant, index), average) <= Allowed(longRun, node.Value.Deadline - now))
            {
                kept[tenant] = index;
            }
            else
            {
                // One refused is told the wait of its place in line, so those refused together do not all come back at once.
                _line.Remove(node);
                node.Value.Node = null;
                _tenants[tenant].Waiting--;
                shed.Add((node.Value, PredictWait(FairPlace(tenant, place), average), average));
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
            _tenants[waiter.Tenant].Waiting--;
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

    /// <summary>One tenant's share of the gate: its transforms running and waiting, and when it last asked for a slot.</summary>
    private sealed class Tenant
    {
        public int Running { get; set; }

        public int Waiting { get; set; }

        public long LastSeen { get; set; }
    }

    private sealed class Waiter(string tenant, DateTimeOffset deadline, int ahead)
    {
        public string Tenant { get; } = tenant;

        public TaskCompletionSource Ready { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public DateTimeOffset Deadline { get; } = deadline;

        public int Ahead { get; } = ahead;

        public LinkedListNode<Waiter>? Node { get; set; }

        public CancellationTokenRegistration Cancellation { get; set; }
    }
}
