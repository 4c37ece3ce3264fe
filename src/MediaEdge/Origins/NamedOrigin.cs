namespace MediaEdge.Origins;

/// <summary>An origin supplied in code rather than configuration (a custom store, a test double), registered as a service.</summary>
public sealed record NamedOrigin(string Name, IOrigin Origin);
