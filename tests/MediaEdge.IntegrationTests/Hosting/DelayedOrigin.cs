using MediaEdge.Origins;
using MediaEdge.Origins.FileSystem;

namespace MediaEdge.IntegrationTests.Hosting;

/// <summary>
/// The media folder behind the latency of a remote store: every whole-object read waits before it is served, and is counted.
/// A local read takes a millisecond, too short for concurrent requests to overlap it; this one they do.
/// </summary>
public sealed class DelayedOrigin : IOrigin
{
    private readonly FileSystemOrigin _inner;
    private readonly TimeSpan _delay;
    private int _reads;

    public DelayedOrigin(string name, string root, TimeSpan delay)
    {
        _inner = new FileSystemOrigin(name, root);
        _delay = delay;
    }

    public int Reads => Volatile.Read(ref _reads);

    public Task<bool> IsReadyAsync(CancellationToken cancellationToken) => _inner.IsReadyAsync(cancellationToken);

    public Task<OriginObjectInfo> StatAsync(string key, CancellationToken cancellationToken) => _inner.StatAsync(key, cancellationToken);

    public async Task<OriginObject> ReadAsync(string key, long maxBytes, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _reads);
        await Task.Delay(_delay, cancellationToken);
        return await _inner.ReadAsync(key, maxBytes, cancellationToken);
    }
}
