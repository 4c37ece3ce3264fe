namespace MediaEdge.IntegrationTests.Caching;

/// <summary>What a reply says about the cache, from its headers.</summary>
public static class CacheReplies
{
    /// <summary>The tier in Server-Timing's <c>cache;desc=</c>: hit-l1, hit-disk, hit-l2, miss or stale.</summary>
    public static string? CacheTier(this Reply reply)
    {
        foreach (var part in reply.HeaderList("Server-Timing"))
        {
            if (part.StartsWith("cache;desc=", StringComparison.Ordinal))
            {
                return part["cache;desc=".Length..];
            }
        }

        return null;
    }

    /// <summary>max-age from Cache-Control.</summary>
    public static int? MaxAge(this Reply reply)
    {
        foreach (var directive in reply.HeaderList("Cache-Control"))
        {
            if (directive.StartsWith("max-age=", StringComparison.Ordinal))
            {
                return int.Parse(directive["max-age=".Length..], CultureInfo.InvariantCulture);
            }
        }

        return null;
    }
}
