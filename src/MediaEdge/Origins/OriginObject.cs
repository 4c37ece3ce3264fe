namespace MediaEdge.Origins;

/// <summary>An object's bytes, whole, with what the origin said about them.</summary>
public sealed record OriginObject(OriginObjectInfo Info, ReadOnlyMemory<byte> Bytes);
