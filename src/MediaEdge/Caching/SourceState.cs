namespace MediaEdge.Caching;

/// <summary>What the origin last said about a source object, and when: the validator every variant key holds.</summary>
public sealed record SourceState(string Validator, long Length, DateTimeOffset? LastModified, string? ContentType, DateTimeOffset ValidatedAt);
