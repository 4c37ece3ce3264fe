namespace MediaEdge.Server.Tenancy;

/// <summary>The source a request is for, once its route or URL dialect has named it: what its response is metered against.</summary>
public sealed class SourceFeature
{
    /// <summary>The source's name as the request gave it; null until known (and for routes of no source).</summary>
    public string? Source { get; set; }
}
