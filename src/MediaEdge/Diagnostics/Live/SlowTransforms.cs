namespace MediaEdge.Diagnostics.Live;

/// <summary>The slowest transforms of a recent window, with their URLs: at most <see cref="Capacity"/>, none older than the window. Thread-safe.</summary>
internal sealed class SlowTransforms(TimeSpan window)
{
    public const int Capacity = 20;

    /// <summary>Longer URLs are cut: the list is for finding a request, not replaying it.</summary>
    public const int MaxUrlLength = 1024;

    private readonly List<SlowTransform> _items = new(Capacity);
    private readonly Lock _lock = new();

    /// <summary>Keeps <paramref name="url"/> if it is among the slowest of the window at <paramref name="at"/>.</summary>
    public void Offer(string url, double milliseconds, DateTimeOffset at)
    {
        lock (_lock)
        {
            Prune(at);
            if (_items.Count == Capacity)
            {
                var fastest = IndexOfFastest();
                if (_items[fastest].Milliseconds >= milliseconds)
                {
                    return;
                }

                _items.RemoveAt(fastest);
            }

            _items.Add(new SlowTransform(url.Length > MaxUrlLength ? url[..MaxUrlLength] : url, milliseconds, at));
        }
    }

    /// <summary>The transforms kept at <paramref name="now"/>, slowest first.</summary>
    public IReadOnlyList<SlowTransform> Slowest(DateTimeOffset now)
    {
        lock (_lock)
        {
            Prune(now);
            return [.. _items.OrderByDescending(item => item.Milliseconds)];
        }
    }

    private void Prune(DateTimeOffset now) => _items.RemoveAll(item => now - item.At > window);

    private int IndexOfFastest()
    {
        var fastest = 0;
        for (var i = 1; i < _items.Count; i++)
        {
            if (_items[i].Milliseconds < _items[fastest].Milliseconds)
            {
                fastest = i;
            }
        }

        return fastest;
    }
}
