using MediaEdge.Origins;

namespace MediaEdge.Shield;

/// <summary>What the shared cache keeps of a response (RFC 9111 §3): its status, its end-to-end fields, when it was asked for and received, and its content.</summary>
public sealed record StoredResponse(ResponseHead Head, ReadOnlyMemory<byte> Body)
{
    public int Status => Head.Status;

    public IReadOnlyList<HeaderField> Headers => Head.Headers;
}

/// <summary>The metadata of a stored response, kept as JSON beside the body in L2.</summary>
/// <param name="RequestTime">When the request that got this response was sent (RFC 9111 §4.2.3 request_time).</param>
/// <param name="ResponseTime">When the response was received (§4.2.3 response_time).</param>
/// <param name="RequestedWithAuthorization">The request carried Authorization (§3.5: reused for such requests only where the response allows).</param>
public sealed record ResponseHead(int Status, HeaderField[] Headers, DateTimeOffset RequestTime, DateTimeOffset ResponseTime, bool RequestedWithAuthorization = false);
