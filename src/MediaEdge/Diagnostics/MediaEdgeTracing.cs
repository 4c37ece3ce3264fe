using System.Diagnostics;

namespace MediaEdge.Diagnostics;

/// <summary>The service's spans, on the <c>MediaEdge</c> activity source: cache, origin, transform, ffmpeg.</summary>
public static class MediaEdgeTracing
{
    public const string SourceName = "MediaEdge";

    public static ActivitySource Source { get; } = new(SourceName);
}
