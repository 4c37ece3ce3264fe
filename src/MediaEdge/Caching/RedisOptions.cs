namespace MediaEdge.Caching;

/// <summary>MediaEdge:Cache:Redis — the shared L2.</summary>
public sealed class RedisOptions
{
    /// <summary>A StackExchange.Redis configuration string (<c>127.0.0.1:6379</c>); empty means no L2. Default empty.</summary>
    public string Configuration { get; set; } = "";
}
