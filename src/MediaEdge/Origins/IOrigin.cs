namespace MediaEdge.Origins;

/// <summary>Where source objects come from: a local folder, an Azure Blob container, an HTTP server.</summary>
public interface IOrigin
{
    /// <summary>The object's validator and size; a 404 <see cref="Requests.ProblemException"/> where it does not exist.</summary>
    Task<OriginObjectInfo> StatAsync(string key, CancellationToken cancellationToken);

    /// <summary>True where the origin can be reached now (for /readyz).</summary>
    Task<bool> IsReadyAsync(CancellationToken cancellationToken);

    /// <summary>The whole object, refusing (413) more than <paramref name="maxBytes"/>.</summary>
    Task<OriginObject> ReadAsync(string key, long maxBytes, CancellationToken cancellationToken);
}
