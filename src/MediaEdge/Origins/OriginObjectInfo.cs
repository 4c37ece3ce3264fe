namespace MediaEdge.Origins;

/// <summary>What an origin says about an object without sending it. <see cref="Validator"/> changes whenever the bytes do.</summary>
public sealed record OriginObjectInfo(string Validator, long Length, DateTimeOffset? LastModified, string? ContentType);
