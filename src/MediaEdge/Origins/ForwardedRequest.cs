namespace MediaEdge.Origins;

/// <summary>A request passed on to an origin as HTTP, for the object <paramref name="Key"/> with <paramref name="Query"/> (without "?"; empty for none).</summary>
/// <param name="Method">The request method, as sent by the client.</param>
/// <param name="Headers">End-to-end request fields to send (hop-by-hop ones already removed).</param>
/// <param name="Body">The request content for methods that carry one; null for none.</param>
public sealed record ForwardedRequest(string Method, string Key, string Query, IReadOnlyList<HeaderField> Headers, Stream? Body = null)
{
    /// <summary>The key and query as one request target: "a/b.jpg" or "a/b.jpg?v=2".</summary>
    public string Target => Query.Length == 0 ? Key : Key + "?" + Query;
}
