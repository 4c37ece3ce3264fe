using MediaEdge.Origins;
using MediaEdge.Origins.FileSystem;

namespace MediaEdge.IntegrationTests.Caching;

/// <summary>
/// A folder origin that counts what it is asked, and can be switched to fail as an unreachable store does (an
/// <see cref="IOException"/> from every call), which the service answers with a 502 unless it may serve stale.
/// </summary>
public sealed class CountingOrigin : IOrigin
{
    private readonly FileSystemOrigin _folder;
    private int _stats;
    private int _reads;

    public CountingOrigin(string name, string root)
    {
        _folder = new FileSystemOrigin(name, root);
        Root = _folder.Root;
    }

    public string Root { get; }

    public int Stats => Volatile.Read(ref _stats);

    public int Reads => Volatile.Read(ref _reads);

    public bool Failing { get; set; }

    /// <summary>While set, StatAsync waits for it before answering, as a slow origin would.</summary>
    public Task? Hold { get; set; }

    /// <summary>Where set, the first ReadAsync waits for it before answering; later reads do not.</summary>
    public Task? HoldFirstRead { get; set; }

    public Task<bool> IsReadyAsync(CancellationToken cancellationToken) => Task.FromResult(!Failing);

    public async Task<OriginObjectInfo> StatAsync(string key, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _stats);
        if (Hold is { } hold)
        {
            await hold;
        }

        return Failing ? throw Unreachable() : await _folder.StatAsync(key, cancellationToken);
    }

    public async Task<OriginObject> ReadAsync(string key, long maxBytes, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _reads) == 1 && HoldFirstRead is { } hold)
        {
            await hold;
        }

        return Failing ? throw Unreachable() : await _folder.ReadAsync(key, maxBytes, cancellationToken);
    }

    private static IOException Unreachable() => new("The store did not answer (connection reset).");
}
