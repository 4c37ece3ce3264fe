namespace MediaEdge.Origins;

/// <summary>An object opened for streaming: its description and a body to copy once. Dispose it.</summary>
public sealed class OriginStream(OriginObjectInfo info, Stream body) : IAsyncDisposable
{
    public OriginObjectInfo Info { get; } = info;

    public Stream Body { get; } = body;

    public ValueTask DisposeAsync() => Body.DisposeAsync();
}
