namespace MediaEdge.Origins;

/// <summary>A conditional and/or header-carrying fetch, for the /o/ shared cache.</summary>
/// <param name="Known">What is stored: the origin is asked whether it changed (If-None-Match / If-Modified-Since).</param>
/// <param name="Headers">Request headers forwarded to HTTP origins as they are.</param>
public sealed record OriginRequest(OriginObjectInfo? Known, IReadOnlyList<KeyValuePair<string, string>> Headers);
