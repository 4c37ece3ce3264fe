using MediaEdge.Tenancy.Usage;

namespace MediaEdge.Server.Tenancy;

/// <summary>The source a request is for, once its route or URL dialect has named it, and the meter its response is metered to.</summary>
public sealed class SourceFeature(UsageMeter usage)
{
    /// <summary>The source's name as the request gave it; null until known (and for routes of no source).</summary>
    public string? Source { get; set; }

    /// <summary>Meters, for the request's source if it has one, an image response that sent <paramref name="bytes"/> fewer than its original.</summary>
    public void Saved(long bytes)
    {
        if (Source is { } source)
        {
            usage.Saved(source, bytes);
        }
    }
}
