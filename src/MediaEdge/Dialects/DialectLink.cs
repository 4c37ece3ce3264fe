namespace MediaEdge.Dialects;

/// <summary>A dialect's URL asking for the output a <see cref="LinkRequest"/> describes, or why the dialect cannot ask for it.</summary>
public sealed record DialectLink(string Dialect, string? Url, string? Refusal)
{
    /// <summary>The dialect's URL (path and query, from this node's root).</summary>
    public static DialectLink To(string dialect, string url) => new(dialect, url, null);

    /// <summary>No URL: <paramref name="reason"/> says what the dialect cannot express.</summary>
    public static DialectLink Refused(string dialect, string reason) => new(dialect, null, reason);
}
