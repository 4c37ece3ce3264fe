using MediaEdge.Requests;
using Microsoft.Extensions.Logging;

namespace MediaEdge.Imaging.Isolation;

/// <summary>
/// An engine whose renders run in worker processes (the same application started in worker mode), so that a render past
/// its deadline always stops: the worker is told to stop (the engine's own abort, where it has one), and killed if it has
/// not within a short grace, which is the only hard stop for a decoder that never looks up from its loop (ImageSharp's
/// managed decoders; libjpeg consuming hundreds of progressive scans, libspng deinterlacing, inside libvips). A crash on a
/// hostile file takes a worker down, not the node. Workers are kept warm, one per transform slot and a spare, so no request
/// waits for one to start while a killed one is replaced in the background. A render goes to an idle worker that recently
/// rendered the same source where there is one (its kept decode is then found: the vips ladder), else to the idle worker
/// longest idle; never does it wait for a busy one. A fallback engine starts none until it is used: at a node's start its
/// worker competed for the cores with the configured engine's.
/// </summary>
public sealed partial class IsolatedImageEngine : IImageEngine, IDisposable
{
    /// <summary>How long a worker asked to stop may take before it is killed.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(500);

    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(30);

    private readonly IImageEngine _inner;
    private readonly WorkerCommand _command;
    private readonly int _keepIdle;
    private readonly TimeSpan _identifyTimeout;
    private readonly Func<ReadOnlyMemory<byte>, bool> _identifyInWorker;
    private readonly ILogger _logger;
    private readonly LinkedList<ImagingWorker> _idle = new();
    private readonly Lock _idleLock = new();

    /// <summary>Counts the workers in <see cref="_idle"/>.</summary>
    private readonly SemaphoreSlim _ready = new(0);
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _firstStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _unstarted;
    private int _deferred;
    private int _live;
    private int _warming;
    private volatile bool _disposed;

    /// <param name="inner">The engine itself, for what runs in this process; the workers run the same engine.</param>
    /// <param name="command">How to start a worker.</param>
    /// <param name="slots">Transform slots: the workers are one per slot and a spare.</param>
    /// <param name="identifyTimeout">The time a header read in a worker may take (503 beyond).</param>
    /// <param name="identifyInWorker">Which sources have their header read in a worker (where the engine's header parsing can run long); the rest are read here.</param>
    /// <param name="startNow">
    /// Start every worker now, in the background (the configured engine): the first alone, the others once it is warm, so
    /// that one is ready as soon as a worker can be; else none until one is needed (a fallback).
    /// </param>
    public IsolatedImageEngine(IImageEngine inner, WorkerCommand command, int slots, TimeSpan identifyTimeout, Func<ReadOnlyMemory<byte>, bool> identifyInWorker, ILogger<IsolatedImageEngine> logger, bool startNow = true)
    {
        _inner = inner;
        _command = command;
        _keepIdle = Math.Max(1, slots) + 1;
        _identifyTimeout = identifyTimeout;
        _identifyInWorker = identifyInWorker;
        _logger = logger;
        var first = startNow ? _keepIdle : 0;
        _unstarted = first;
        if (first == 0)
        {
            _firstStarted.TrySetResult();
            _started.TrySetResult();
            return;
        }

        // Measured (issue 13): three workers warming at once on two cores beside the node's own start were all ready
        // later than one alone, which the node's first request waited for.
        _deferred = first - 1;
        WarmOne(initial: true);
    }

    /// <summary>Completes once the workers started with the engine are ready (or failed to start, which is logged); at once for a fallback.</summary>
    public Task WhenReady => _started.Task;

    /// <summary>Completes once the first worker started with the engine is ready (or failed to start); at once for a fallback.</summary>
    public Task WhenFirstReady => _firstStarted.Task;

    public string Name => _inner.Name;

    public string Version => _inner.Version;

    /// <summary>Worker processes ready for a job now.</summary>
    public int IdleWorkers
    {
        get
        {
            lock (_idleLock)
            {
                return _idle.Count;
            }
        }
    }

    public bool CanEncode(OutputFormat format) => _inner.CanEncode(format);

    public bool CanAnimate(OutputFormat format) => _inner.CanAnimate(format);

    public SourceInfo Identify(ReadOnlyMemory<byte> source)
    {
        if (!_identifyInWorker(source))
        {
            return _inner.Identify(source);
        }

        var timeout = _identifyTimeout;
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            return Use(worker => worker.Identify(source, Grace, deadline.Token), "a header read", null, deadline.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw Problems.TransformTimeout((int)Math.Ceiling(timeout.TotalSeconds));
        }
    }

    public EncodedImage Render(ReadOnlyMemory<byte> source, ImagePlan plan, CancellationToken cancellationToken) =>
        Use(worker => worker.Render(source, plan, Grace, cancellationToken), $"a {plan.Source.Format} render", plan.SourceIdentity, cancellationToken);

    public void Dispose()
    {
        _disposed = true;
        while (Take(null) is { } worker)
        {
            worker.Dispose();
        }

        // Workers not yet started never will be: nobody waits for them.
        _firstStarted.TrySetResult();
        _started.TrySetResult();
    }

    private T Use<T>(Func<ImagingWorker, T> job, string what, string? source, CancellationToken cancellationToken)
    {
        var worker = Rent(source, cancellationToken);
        try
        {
            var result = job(worker);
            if (source is not null)
            {
                worker.Rendered(source);
            }

            Return(worker);
            return result;
        }
        catch (Exception e) when ((e is ProblemException || e is OperationCanceledException) && worker.Usable)
        {
            // A problem with the file, or a job that stopped when asked: the worker goes on.
            Return(worker);
            throw;
        }
        catch (Exception)
        {
            if (worker.WasKilled)
            {
                Log.Killed(_logger, worker.ProcessId, what, Grace.TotalMilliseconds);
            }

            Discard(worker);
            throw;
        }
    }

    /// <summary>
    /// An idle worker; else a new one if the pool is short and none is being started; else the next to be ready, whether
    /// one being started or one coming back (never more processes than slots and a spare competing for the cores). Of
    /// the idle ones, one that recently rendered <paramref name="source"/> where there is one.
    /// </summary>
    private ImagingWorker Rent(string? source, CancellationToken cancellationToken)
    {
        while (true)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var wait = Volatile.Read(ref _warming) > 0 || Volatile.Read(ref _live) >= _keepIdle;
            if (_ready.Wait(0) || (wait && _ready.Wait(TimeSpan.FromMilliseconds(100), cancellationToken)))
            {
                var worker = Take(source);
                if (worker is not null && worker.Usable)
                {
                    return worker;
                }

                if (worker is not null)
                {
                    Discard(worker);
                }
            }
            else if (!wait)
            {
                return Start();
            }
        }
    }

    /// <summary>An idle worker (one that recently rendered <paramref name="source"/>, else the longest idle), or null where none is.</summary>
    private ImagingWorker? Take(string? source)
    {
        lock (_idleLock)
        {
            var node = _idle.First;
            if (source is not null)
            {
                for (var n = _idle.Last; n is not null; n = n.Previous)
                {
                    if (n.Value.HasRendered(source))
                    {
                        node = n;
                        break;
                    }
                }
            }

            if (node is null)
            {
                return null;
            }

            _idle.Remove(node);
            return node.Value;
        }
    }

    private void Return(ImagingWorker worker)
    {
        if (_disposed || !worker.Usable)
        {
            _ = Task.Run(() => Retire(worker));
            return;
        }

        Park(worker);
    }

    private void Park(ImagingWorker worker)
    {
        lock (_idleLock)
        {
            // Checked under the lock Dispose empties the list under, so no worker is parked after it has.
            if (!_disposed)
            {
                _idle.AddLast(worker);
                _ready.Release();
                return;
            }
        }

        Retire(worker);
    }

    private void Discard(ImagingWorker worker)
    {
        Retire(worker);
        if (Volatile.Read(ref _live) < _keepIdle)
        {
            WarmOne();
        }
    }

    private void Retire(ImagingWorker worker)
    {
        worker.Dispose();
        Interlocked.Decrement(ref _live);
    }

    /// <param name="initial">One of the workers started with the engine, which <see cref="WhenReady"/> waits for; else a replacement.</param>
    private void WarmOne(bool initial = false)
    {
        if (_disposed)
        {
            return;
        }

        Interlocked.Increment(ref _warming);
        Interlocked.Increment(ref _live);

        // Its own thread: the start blocks until the worker says it is warm, and at start-up the pool has only a thread per core.
        _ = Task.Factory.StartNew(() =>
        {
            try
            {
                Park(Launch());
            }
            catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or IOException)
            {
                Interlocked.Decrement(ref _live);
                Log.StartFailed(_logger, e);
            }
            finally
            {
                if (initial)
                {
                    // Launched before this one stops counting as warming, so a request never sees the pool short and starts its own.
                    for (var deferred = Interlocked.Exchange(ref _deferred, 0); deferred > 0; deferred--)
                    {
                        WarmOne(initial: true);
                    }

                    _firstStarted.TrySetResult();
                }

                Interlocked.Decrement(ref _warming);
                if (initial && Interlocked.Decrement(ref _unstarted) == 0)
                {
                    _started.TrySetResult();
                }
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    private ImagingWorker Start()
    {
        Interlocked.Increment(ref _live);
        try
        {
            return Launch();
        }
        catch
        {
            Interlocked.Decrement(ref _live);
            throw;
        }
    }

    private ImagingWorker Launch() => ImagingWorker.Start(_command, StartPatience, line => Log.WorkerError(_logger, line));

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Imaging worker {ProcessId} was killed: {Job} went on {GraceMilliseconds} ms past its deadline; a fresh worker replaces it.")]
        public static partial void Killed(ILogger logger, int processId, string job, double graceMilliseconds);

        [LoggerMessage(2, LogLevel.Error, "An imaging worker could not be started.")]
        public static partial void StartFailed(ILogger logger, Exception exception);

        [LoggerMessage(3, LogLevel.Warning, "Imaging worker: {Line}")]
        public static partial void WorkerError(ILogger logger, string line);
    }
}
