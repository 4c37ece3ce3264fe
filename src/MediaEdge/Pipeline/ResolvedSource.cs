using MediaEdge.Caching;
using MediaEdge.Origins;

namespace MediaEdge.Pipeline;

/// <summary>A source object ready for a cache lookup: where it lives, its purge version, and its current (or stale) state.</summary>
public sealed record ResolvedSource(string Source, string Key, IOrigin Origin, string Id, SourceVersion Version, SourceState State, bool Stale);
