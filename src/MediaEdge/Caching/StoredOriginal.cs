using MediaEdge.Origins;

namespace MediaEdge.Caching;

/// <summary>An original kept by the /o/ shared cache: the origin's response as stored, and when.</summary>
public sealed record StoredOriginal(OriginObjectInfo Info, DateTimeOffset StoredAt, ReadOnlyMemory<byte> Body);
