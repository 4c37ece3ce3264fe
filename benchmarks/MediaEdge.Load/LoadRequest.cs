namespace MediaEdge.Load;

/// <summary>One request a scenario asks for: a path and query below the target, and the headers a browser would send.</summary>
internal sealed record LoadRequest(string PathAndQuery, string? Accept = null);
