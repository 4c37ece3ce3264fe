namespace MediaEdge.Dialects;

/// <summary>A dialect's URL in MediaEdge's terms: the source, the object key in it, and imgix parameters.</summary>
public sealed record DialectRequest(string Source, string Key, IReadOnlyList<KeyValuePair<string, string>> Query);
