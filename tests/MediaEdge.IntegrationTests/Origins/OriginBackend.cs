namespace MediaEdge.IntegrationTests.Origins;

/// <summary>
/// One kind of store behind a MediaEdge source (a folder, Azurite, an HTTP server, s3rver), started once per test class:
/// the configuration that names it, and a way to put or overwrite an object in it.
/// </summary>
public abstract class OriginBackend : IAsyncLifetime
{
    public abstract Task InitializeAsync();

    public abstract Task DisposeAsync();

    /// <summary>The MediaEdge:Sources:{name} keys for a source reading this store.</summary>
    public abstract IReadOnlyDictionary<string, string?> SourceSettings(string name);

    /// <summary>Creates or overwrites the object; an overwrite changes its validator.</summary>
    public abstract Task PutAsync(string key, byte[] bytes, string contentType);

    /// <summary>Conditional requests (If-None-Match / If-Modified-Since) the store received for the key, where it can count them.</summary>
    public virtual int? ConditionalRequests(string key) => null;
}
