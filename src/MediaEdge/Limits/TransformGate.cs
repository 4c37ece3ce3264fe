using MediaEdge.Requests;

namespace MediaEdge.Limits;

/// <summary>
/// Bounds CPU-heavy work: so many transforms at once, so many waiting, then 503 with Retry-After.
/// A transform past its time limit answers 503 at once but keeps its slot until it really stops, so overload cannot pile up.
/// </summary>
public sealed class TransformGate
{
    private readonly SemaphoreSlim _slots;
    private readonly int _capacity;
    private readonly TimeSpan _timeout;
    private readonly int _timeoutSeconds;
    private int _pending;

    public TransformGate(LimitsOptions limits)
    {
        var concurrency = limits.EffectiveConcurrency;
        _slots = new SemaphoreSlim(concurrency, concurrency);
        _capacity = concurrency + Math.Max(0, limits.MaxQueuedTransforms);
        _timeoutSeconds = limits.TransformTimeoutSeconds;
        _timeout = TimeSpan.FromSeconds(limits.TransformTimeoutSeconds);
    }

    /// <summary>Transforms running or waiting.</summary>
    public int Pending => Volatile.Read(ref _pending);

    public async Task<T> RunAsync<T>(Func<CancellationToken, T> work, Action? onRejected = null)
    {
        if (Interlocked.Increment(ref _pending) > _capacity)
        {
            Interlocked.Decrement(ref _pending);
            onRejected?.Invoke();
            throw Problems.Overloaded($"{_capacity} transforms are running or queued (Limits:MaxConcurrentTransforms, Limits:MaxQueuedTransforms). Retry shortly.", 1);
        }

        var released = false;
        var deadline = new CancellationTokenSource(_timeout);

        // Taken once: the work's continuation disposes the source, possibly before this method reads it again.
        var token = deadline.Token;
        try
        {
            try
            {
                await _slots.WaitAsync(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                throw Problems.TransformTimeout(_timeoutSeconds);
            }

            var task = Task.Run(() => work(token));
            _ = task.ContinueWith(
                _ =>
                {
                    _slots.Release();
                    Interlocked.Decrement(ref _pending);
                    deadline.Dispose();
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
            released = true;
            try
            {
                return await task.WaitAsync(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                throw Problems.TransformTimeout(_timeoutSeconds);
            }
        }
        finally
        {
            if (!released)
            {
                Interlocked.Decrement(ref _pending);
                deadline.Dispose();
            }
        }
    }
}
