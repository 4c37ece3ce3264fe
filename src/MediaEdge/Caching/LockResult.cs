namespace MediaEdge.Caching;

public enum LockResult
{
    /// <summary>This node holds the lock: compute, store, publish.</summary>
    Taken,

    /// <summary>Another node holds it: wait for its result.</summary>
    Busy,

    /// <summary>Redis could not say: compute locally.</summary>
    Unavailable,
}
