namespace MediaEdge.Origins;

/// <summary>Where source objects come from: a local folder, an Azure Blob container, an HTTP server.</summary>
public interface IOrigin
{
    /// <summary>True where the origin can be reached now (for /readyz).</summary>
    Task<bool> IsReadyAsync(CancellationToken cancellationToken);

    /// <summary>The object's validator and size; a 404 <see cref="Requests.ProblemException"/> where it does not exist.</summary>
    Task<OriginObjectInfo> StatAsync(string key, CancellationToken cancellationToken);

    /// <summary>Asks whether the object changed since <paramref name="known"/>: null where it did not (a conditional request answered 304), else what it is now.</summary>
    async Task<OriginObjectInfo?> RevalidateAsync(string key, OriginObjectInfo known, CancellationToken cancellationToken)
    {
        var now = await StatAsync(key, cancellationToken).ConfigureAwait(false);
        return now.Validator == known.Validator ? null : now;
    }

    /// <summary>The whole object, refusing (413) more than <paramref name="maxBytes"/>.</summary>
    Task<OriginObject> ReadAsync(string key, long maxBytes, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="length"/> bytes from <paramref name="offset"/> (fewer at the end of the object).</summary>
    async Task<ReadOnlyMemory<byte>> ReadRangeAsync(string key, long offset, int length, CancellationToken cancellationToken)
    {
        var whole = await ReadAsync(key, long.MaxValue, cancellationToken).ConfigureAwait(false);
        var start = (int)Math.Min(offset, whole.Bytes.Length);
        return whole.Bytes.Slice(start, Math.Min(length, whole.Bytes.Length - start));
    }

    /// <summary>The object as a stream, for bodies too large to hold in memory; with <see cref="OriginRequest.Known"/>, a conditional fetch.</summary>
    async Task<OriginStream> OpenAsync(string key, OriginRequest? request, CancellationToken cancellationToken)
    {
        if (request?.Known is { } known && await RevalidateAsync(key, known, cancellationToken).ConfigureAwait(false) is null)
        {
            return new OriginStream(known, Stream.Null, notModified: true);
        }

        var whole = await ReadAsync(key, long.MaxValue, cancellationToken).ConfigureAwait(false);
        return new OriginStream(whole.Info, new MemoryStream(whole.Bytes.ToArray(), writable: false));
    }
}
