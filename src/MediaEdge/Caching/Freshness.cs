namespace MediaEdge.Caching;

/// <summary>Where a cached source state stands in its life, by its age against the configured windows.</summary>
public enum Freshness
{
    /// <summary>Younger than FreshSeconds: served as is.</summary>
    Fresh,

    /// <summary>Within stale-while-revalidate: served at once while one background revalidation runs.</summary>
    StaleWhileRevalidate,

    /// <summary>Past that: revalidated before serving; served stale only if the origin fails within stale-if-error.</summary>
    MustRevalidate,
}
