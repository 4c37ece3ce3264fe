namespace MediaEdge.Origins;

/// <summary>An object opened for streaming: its description and a body to copy once; or, for a conditional request, word that it is unchanged. Dispose it.</summary>
public sealed class OriginStream(OriginObjectInfo info, Stream body, bool notModified = false) : IAsyncDisposable
{
    /// <summary>What the origin said; on a 304 the headers it sent with it (RFC 9111 4.3.4: they refresh what is stored).</summary>
    public OriginObjectInfo Info { get; } = info;

    public Stream Body { get; } = body;

    /// <summary>The origin answered a conditional request with 304: the stored copy is still good.</summary>
    public bool NotModified { get; } = notModified;

    public ValueTask DisposeAsync() => Body.DisposeAsync();
}
