using MediaEdge.Caching;

namespace MediaEdge.Server;

/// <summary>Redis as the readiness probe and the tests see it: null when none is configured (the embedded default). The container owns and disposes it.</summary>
public sealed record RedisHolder(RedisTier? Tier);
