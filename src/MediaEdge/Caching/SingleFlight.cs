using System.Collections.Concurrent;

namespace MediaEdge.Caching;

/// <summary>Runs one computation per key at a time; callers that arrive meanwhile share its result or its failure.</summary>
public sealed class SingleFlight<T>
{
    private readonly ConcurrentDictionary<string, Lazy<Task<T>>> _flights = new(StringComparer.Ordinal);

    public int InFlight => _flights.Count;

    public async Task<(T Value, bool Shared)> RunAsync(string key, Func<Task<T>> work)
    {
        var mine = new Lazy<Task<T>>(work, LazyThreadSafetyMode.ExecutionAndPublication);
        var flight = _flights.GetOrAdd(key, mine);
        try
        {
            return (await flight.Value.ConfigureAwait(false), !ReferenceEquals(flight, mine));
        }
        finally
        {
            if (ReferenceEquals(flight, mine))
            {
                _flights.TryRemove(new KeyValuePair<string, Lazy<Task<T>>>(key, mine));
            }
        }
    }
}
