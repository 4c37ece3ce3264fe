namespace MediaEdge.Origins;

/// <summary>An origin that speaks HTTP itself, so the /o/ shared cache can pass requests and answers through verbatim (any method, every end-to-end field, any status).</summary>
public interface IForwardingOrigin
{
    /// <summary>The URL object keys are relative to (ends with '/'); a Location under it names another key of the same origin (RFC 9111 §4.4).</summary>
    Uri BaseAddress { get; }

    /// <summary>Sends <paramref name="request"/> without following redirects; a 502/504 <see cref="Requests.ProblemException"/> where the origin cannot be reached or times out.</summary>
    Task<ForwardedResponse> ForwardAsync(ForwardedRequest request, CancellationToken cancellationToken);
}
