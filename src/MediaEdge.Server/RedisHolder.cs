using MediaEdge.Caching;

namespace MediaEdge.Server;

/// <summary>The optional L2, as one service: null when no Redis is configured (the embedded default).</summary>
public sealed record RedisHolder(RedisTier? Tier) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Tier?.DisposeAsync() ?? ValueTask.CompletedTask;
}
