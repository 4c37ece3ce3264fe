using Microsoft.Extensions.Primitives;

namespace MediaEdge.Caching;

/// <summary>A source object's purge version, and the token that fires when it is purged on this node.</summary>
public sealed record SourceVersion(long Version, IChangeToken Eviction);
