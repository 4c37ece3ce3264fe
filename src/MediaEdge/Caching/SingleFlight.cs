using System.Collections.Concurrent;

namespace MediaEdge.Caching;

/// <summary>
/// Runs one computation per key at a time; callers that arrive meanwhile share its result or its failure.
/// The work is cancelled only when every caller waiting on it has gone (a client disconnect stops ffmpeg
/// only if nobody else wants the result).
/// </summary>
public sealed class SingleFlight<T>
{
    private readonly ConcurrentDictionary<string, Flight> _flights = new(StringComparer.Ordinal);

    public int InFlight => _flights.Count;

    public Task<(T Value, bool Shared)> RunAsync(string key, Func<Task<T>> work) => RunAsync(key, _ => work(), CancellationToken.None);

    public async Task<(T Value, bool Shared)> RunAsync(string key, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        while (true)
        {
            var mine = new Flight(work);
            var flight = _flights.GetOrAdd(key, mine);
            if (!flight.TryJoin())
            {
                // Everyone left that flight and it was cancelled: start afresh.
                _flights.TryRemove(new KeyValuePair<string, Flight>(key, flight));
                continue;
            }

            if (ReferenceEquals(flight, mine))
            {
                mine.Start(() => _flights.TryRemove(new KeyValuePair<string, Flight>(key, mine)));
            }

            var left = 0;
            using var registration = cancellationToken.Register(() =>
            {
                Interlocked.Exchange(ref left, 1);
                flight.Leave();
            });
            try
            {
                return (await flight.Task.WaitAsync(cancellationToken).ConfigureAwait(false), !ReferenceEquals(flight, mine));
            }
            finally
            {
                await registration.DisposeAsync().ConfigureAwait(false);
                if (Volatile.Read(ref left) == 0)
                {
                    flight.Leave();
                }
            }
        }
    }

    private sealed class Flight(Func<CancellationToken, Task<T>> work)
    {
        private readonly CancellationTokenSource _cancel = new();
        private readonly TaskCompletionSource<T> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Lock _gate = new();
        private int _callers;
        private bool _abandoned;

        public Task<T> Task => _result.Task;

        public bool TryJoin()
        {
            lock (_gate)
            {
                if (_abandoned)
                {
                    return false;
                }

                _callers++;
                return true;
            }
        }

        public void Leave()
        {
            lock (_gate)
            {
                if (--_callers > 0 || _result.Task.IsCompleted)
                {
                    return;
                }

                _abandoned = true;
            }

            _cancel.Cancel();
        }

        public void Start(Action onDone) => _ = RunAsync(onDone);

        private async Task RunAsync(Action onDone)
        {
            try
            {
                _result.TrySetResult(await work(_cancel.Token).ConfigureAwait(false));
            }
            catch (OperationCanceledException e) when (_cancel.IsCancellationRequested)
            {
                _result.TrySetCanceled(e.CancellationToken);
            }
            catch (Exception e)
            {
                _result.TrySetException(e);
            }
            finally
            {
                onDone();
            }
        }
    }
}
