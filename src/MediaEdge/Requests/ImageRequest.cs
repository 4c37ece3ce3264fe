using MediaEdge.Negotiation;

namespace MediaEdge.Requests;

/// <summary>One image request, as the pipeline sees it: no HTTP types.</summary>
public sealed record ImageRequest(string Source, string Key, IReadOnlyList<KeyValuePair<string, string>> Query, string? Accept, ClientHints Hints);
