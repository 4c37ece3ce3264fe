namespace MediaEdge.Caching;

/// <summary>MediaEdge:Cache:Redis — the L2 shared by every node. Redis is an accelerator: when it fails, nodes carry on without it.</summary>
public sealed class RedisOptions
{
    /// <summary>A StackExchange.Redis configuration string (<c>127.0.0.1:6379</c>, or several cluster nodes); empty means no L2. Default empty.</summary>
    public string Configuration { get; set; } = "";

    /// <summary>Prefix of every key, so several deployments can share one Redis. Default <c>me</c>.</summary>
    public string KeyPrefix { get; set; } = "me";

    /// <summary>Time one Redis call may take before it counts as a failure, in milliseconds. Default 250.</summary>
    public int OperationTimeoutMilliseconds { get; set; } = 250;

    /// <summary>Largest value stored in L2, in bytes; larger results are served but kept in L1 only. Default 8 MiB.</summary>
    public int MaxValueBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>How long source bytes stay in L2, in seconds. Default 300.</summary>
    public int SourceSeconds { get; set; } = 300;

    /// <summary>Expiry of the cross-node compute lock, in seconds: the most a dead lock holder can delay others. 0 means TransformTimeoutSeconds + 5. Default 0.</summary>
    public int LockSeconds { get; set; }

    /// <summary>Consecutive failures that open the circuit breaker. Default 3.</summary>
    public int BreakerFailures { get; set; } = 3;

    /// <summary>How long an open breaker skips Redis before one trial call, in seconds. Default 5.</summary>
    public int BreakerSeconds { get; set; } = 5;

    /// <summary>How long a node trusts its copy of a source's purge version before asking Redis again, in seconds. Default 10.</summary>
    public int VersionCheckSeconds { get; set; } = 10;
}
