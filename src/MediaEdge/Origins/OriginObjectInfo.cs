namespace MediaEdge.Origins;

/// <summary>
/// What an origin says about an object without sending it. <see cref="Validator"/> changes whenever the bytes do:
/// the origin's entity-tag where it has one (quoted, as sent), else a token built from length and modification time.
/// <see cref="Length"/> is -1 where the origin did not say (an HTTP response without Content-Length).
/// </summary>
public sealed record OriginObjectInfo(string Validator, long Length, DateTimeOffset? LastModified, string? ContentType)
{
    /// <summary>HTTP caching headers the origin sent (Cache-Control, Expires, Date, Age, Vary), for the /o/ shared cache; empty for stores that send none.</summary>
    public OriginCacheHeaders CacheHeaders { get; init; } = OriginCacheHeaders.None;

    /// <summary>True where <see cref="Validator"/> is an HTTP entity-tag the origin sent.</summary>
    public bool HasEntityTag => Validator.StartsWith('"') || Validator.StartsWith("W/\"", StringComparison.Ordinal);
}
