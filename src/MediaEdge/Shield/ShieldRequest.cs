using MediaEdge.Origins;

namespace MediaEdge.Shield;

/// <summary>A request on /o/{source}/{key}?{query} as the shared cache sees it.</summary>
/// <param name="Query">The query as sent, without "?", URL-signature parameters removed; empty for none.</param>
/// <param name="Headers">The client's end-to-end request fields (hop-by-hop and Host removed).</param>
/// <param name="Body">The request content, for methods that carry one.</param>
public sealed record ShieldRequest(string Method, string Source, string Key, string Query, IReadOnlyList<HeaderField> Headers, Stream? Body = null)
{
    public bool HasAuthorization => Headers.Has("Authorization");

    /// <summary>GET and HEAD go through the cache; other methods pass through (and, when unsafe, invalidate, RFC 9111 §4.4).</summary>
    public bool IsCacheable => Method is "GET" or "HEAD";

    /// <summary>RFC 9110 §9.2.1: every method but GET, HEAD, OPTIONS and TRACE is unsafe here, unknown ones included.</summary>
    public bool IsUnsafe => Method is not ("GET" or "HEAD" or "OPTIONS" or "TRACE");
}
