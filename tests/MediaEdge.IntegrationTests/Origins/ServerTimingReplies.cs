namespace MediaEdge.IntegrationTests.Origins;

/// <summary>What a reply says about the cache: the tier named in Server-Timing and max-age in Cache-Control.</summary>
public static class ServerTimingReplies
{
    /// <summary><c>cache;desc=</c> in Server-Timing: hit-l1, hit-l2, miss, stale, revalidated or pass.</summary>
    public static string? Tier(this Reply reply) =>
        reply.HeaderList("Server-Timing").FirstOrDefault(p => p.StartsWith("cache;desc=", StringComparison.Ordinal))?["cache;desc=".Length..];

    public static int? MaxAgeSeconds(this Reply reply) =>
        reply.HeaderList("Cache-Control").FirstOrDefault(d => d.StartsWith("max-age=", StringComparison.Ordinal)) is { } directive
            ? int.Parse(directive["max-age=".Length..], CultureInfo.InvariantCulture)
            : null;
}
