using MediaEdge.Origins;

namespace MediaEdge.Shield;

/// <summary>
/// What the shared cache answers: a stored response (with its current age) or one passed through from the origin (a
/// stream to copy once). <see cref="Headers"/> are the end-to-end fields to send; Age and Content-Length are the endpoint's. Dispose it.
/// </summary>
/// <param name="Tier">hit-l1, hit-l2, miss, stale, revalidated, or pass (not stored, streamed through).</param>
public sealed record ShieldResult(int Status, IReadOnlyList<HeaderField> Headers, StoredResponse? Stored, ForwardedResponse? Passed, TimeSpan? Age, string Tier) : IAsyncDisposable
{
    /// <summary>The content length: the stored body's, or what the origin declared (-1 unknown).</summary>
    public long Length => Stored?.Body.Length ?? Passed?.Length ?? -1;

    public ValueTask DisposeAsync() => Passed?.DisposeAsync() ?? ValueTask.CompletedTask;
}
