namespace MediaEdge.Caching;

/// <summary>L2 as <c>/readyz</c> reports it: <paramref name="Redis"/> is <c>connected</c>, <c>disconnected</c> or <c>not-configured</c>; <paramref name="Breaker"/> the circuit breaker's state (<c>closed</c>, <c>open</c>, <c>halfopen</c>), null without Redis.</summary>
public sealed record SharedTierHealth(string Redis, string? Breaker)
{
    /// <summary>Whether a configured Redis is unreachable, which makes the node degraded (never unready: Redis only accelerates).</summary>
    public bool Degraded => Redis == "disconnected";
}
