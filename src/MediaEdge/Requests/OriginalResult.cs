using MediaEdge.Caching;
using MediaEdge.Origins;

namespace MediaEdge.Requests;

/// <summary>An original to send: a stored copy (with its age), or a stream passed through unstored. Dispose it.</summary>
/// <param name="Tier">hit-l1, hit-l2, miss, stale, revalidated, or pass (not storable, streamed).</param>
public sealed record OriginalResult(OriginObjectInfo Info, StoredOriginal? Stored, OriginStream? Stream, TimeSpan Age, string Tier) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Stream?.DisposeAsync() ?? ValueTask.CompletedTask;
}
