namespace MediaEdge.Tenancy.Usage;

/// <summary>MediaEdge:Usage — how usage records are kept.</summary>
public sealed class UsageOptions
{
    /// <summary>How often a node adds what it metered to the shared records in Redis, in seconds. Default 5.</summary>
    public int FlushSeconds { get; set; } = 5;

    /// <summary>How long an hour's record is kept, in days (in Redis, or in memory without it). Default 400.</summary>
    public int RetentionDays { get; set; } = 400;
}
