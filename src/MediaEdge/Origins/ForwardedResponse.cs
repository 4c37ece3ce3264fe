namespace MediaEdge.Origins;

/// <summary>An origin's answer as HTTP: status, every field line in order, and the content to read once. Dispose it.</summary>
/// <param name="length">The content length the origin declared; -1 where it did not (chunked) or for bodiless answers.</param>
public sealed class ForwardedResponse(int status, IReadOnlyList<HeaderField> headers, Stream body, long length, IDisposable? owner = null) : IAsyncDisposable
{
    public int Status { get; } = status;

    public IReadOnlyList<HeaderField> Headers { get; } = headers;

    public Stream Body { get; } = body;

    public long Length { get; } = length;

    public async ValueTask DisposeAsync()
    {
        await Body.DisposeAsync().ConfigureAwait(false);
        owner?.Dispose();
    }
}
