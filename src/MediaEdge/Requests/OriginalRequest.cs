namespace MediaEdge.Requests;

/// <summary>A request for an original on /o/, as the shared cache sees it.</summary>
/// <param name="Headers">The request's headers among those forwarded to origins (and varied on).</param>
public sealed record OriginalRequest(string Source, string Key, IReadOnlyList<KeyValuePair<string, string>> Headers, bool HasAuthorization, bool HeadOnly);
