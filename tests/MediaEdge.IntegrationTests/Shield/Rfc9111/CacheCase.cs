namespace MediaEdge.IntegrationTests.Shield.Rfc9111;

/// <summary>
/// One rule of RFC 9111 (or RFC 9110, 5861, 9213) as a script: what the origin answers, request by request, and what
/// each client request must come back with. Its name is the section and a sentence saying what the rule is.
/// </summary>
/// <param name="Section">Where the rule is written, e.g. "RFC 9111 §4.2.1".</param>
/// <param name="Rule">What must happen, as a sentence.</param>
/// <param name="Origin">The origin's n-th request (from 0) gets the n-th reply; the last one repeats.</param>
/// <param name="Exchanges">The client's requests, in order, each with what must come of it.</param>
public sealed record CacheCase(string Section, string Rule, IReadOnlyList<OriginReply> Origin, IReadOnlyList<Exchange> Exchanges)
{
    /// <summary>MediaEdge settings besides the table's (both stale windows 0), e.g. MediaEdge:Cache:StaleIfErrorSeconds.</summary>
    public IReadOnlyList<Field> Settings { get; init; } = [];

    public override string ToString() => $"{Section}: {Rule}";
}
