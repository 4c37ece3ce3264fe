namespace MediaEdge.Caching;

public enum BreakerState
{
    /// <summary>Calls go through.</summary>
    Closed,

    /// <summary>Calls are skipped until the break ends.</summary>
    Open,

    /// <summary>The break is over; one trial call decides.</summary>
    HalfOpen,
}
