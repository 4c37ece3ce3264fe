namespace MediaEdge.Origins;

/// <summary>The response headers RFC 9111 decides storage and freshness by.</summary>
public sealed record OriginCacheHeaders(string? CacheControl, DateTimeOffset? Expires, DateTimeOffset? Date, TimeSpan? Age, string? Vary)
{
    public static OriginCacheHeaders None { get; } = new(null, null, null, null, null);
}
