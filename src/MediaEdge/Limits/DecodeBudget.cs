using MediaEdge.Requests;

namespace MediaEdge.Limits;

/// <summary>
/// The node's memory for decoded pixels, shared by all transforms: each reserves its estimate before decoding and
/// waits (FIFO) while others hold the rest, so one hostile file cannot starve its neighbours; one that alone needs
/// more than the per-decode limit is refused (413) before any pixel is decoded.
/// </summary>
public sealed class DecodeBudget
{
    private const long Megabyte = 1024 * 1024;
    private readonly long _total;
    private readonly long _perDecode;
    private readonly Lock _gate = new();
    private readonly LinkedList<(long Bytes, TaskCompletionSource Ready)> _waiting = new();
    private long _available;

    public DecodeBudget(LimitsOptions limits)
    {
        _total = limits.MaxDecodeMemoryMegabytes * Megabyte;
        _perDecode = limits.MaxDecodeAllocationMegabytes * Megabyte;
        _available = _total;
    }

    /// <summary>Bytes reserved now, for metrics.</summary>
    public long InUse
    {
        get
        {
            lock (_gate)
            {
                return _total - _available;
            }
        }
    }

    /// <summary>Refuses (413) a decode that alone would need more than one decode, or the whole node, may have.</summary>
    public void EnsureFits(long bytes)
    {
        if (bytes > _perDecode || bytes > _total)
        {
            var limit = bytes > _perDecode ? nameof(LimitsOptions.MaxDecodeAllocationMegabytes) : nameof(LimitsOptions.MaxDecodeMemoryMegabytes);
            throw Problems.SourceTooLarge(limit, Math.Min(_perDecode, _total) / Megabyte, (bytes + Megabyte - 1) / Megabyte, "MiB of decoded pixels (estimated)");
        }
    }

    /// <summary>Reserves <paramref name="bytes"/> until the returned lease is disposed.</summary>
    public async Task<IDisposable> ReserveAsync(long bytes, TimeSpan wait, CancellationToken cancellationToken)
    {
        EnsureFits(bytes);
        TaskCompletionSource ready;
        LinkedListNode<(long, TaskCompletionSource)> node;
        lock (_gate)
        {
            if (_waiting.Count == 0 && _available >= bytes)
            {
                _available -= bytes;
                return new Lease(this, bytes);
            }

            ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            node = _waiting.AddLast((bytes, ready));
        }

        try
        {
            await ready.Task.WaitAsync(wait, cancellationToken).ConfigureAwait(false);
            return new Lease(this, bytes);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            lock (_gate)
            {
                if (node.List is not null)
                {
                    _waiting.Remove(node);
                }
                else
                {
                    // Granted just as we gave up: hand it back.
                    Release(bytes);
                }
            }

            if (e is TimeoutException)
            {
                throw Problems.Overloaded("The node's memory for decoding (Limits:MaxDecodeMemoryMegabytes) stayed in use by other transforms. Retry shortly.", 2);
            }

            throw;
        }
    }

    private void Release(long bytes)
    {
        lock (_gate)
        {
            _available += bytes;
            while (_waiting.First is { } first && first.Value.Bytes <= _available)
            {
                _available -= first.Value.Bytes;
                _waiting.RemoveFirst();
                first.Value.Ready.TrySetResult();
            }
        }
    }

    private sealed class Lease(DecodeBudget budget, long bytes) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                budget.Release(bytes);
            }
        }
    }
}
