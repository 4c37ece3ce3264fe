namespace MediaEdge.Origins;

/// <summary>One object of an <see cref="IListableOrigin"/>'s listing: its key, its size in bytes and when it last changed (null where the store did not say).</summary>
public sealed record OriginListing(string Key, long Length, DateTimeOffset? LastModified);
