namespace MediaEdge.Caching;

/// <summary>One stored variant: the bytes and the headers that describe them.</summary>
public sealed record CachedImage(ReadOnlyMemory<byte> Bytes, string ContentType, string ETag, DateTimeOffset Created, int Width, int Height);
