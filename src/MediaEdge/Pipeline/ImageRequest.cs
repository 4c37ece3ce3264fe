using MediaEdge.Negotiation;
using MediaEdge.Requests;

namespace MediaEdge.Pipeline;

/// <summary>One image request, as the pipeline sees it: no HTTP types.</summary>
public sealed record ImageRequest(string Source, string Key, IReadOnlyList<KeyValuePair<string, string>> Query, string? Accept, ClientHints Hints)
{
    /// <summary>The request's form (<see cref="RequestForms.Of"/>), under which a fresh L1 answer is remembered; null remembers nothing.</summary>
    public string? Form { get; init; }

    /// <summary>When the request arrived: its transform's time budget (Limits:TransformTimeoutSeconds) counts from here. Set by <see cref="ImageService.GetAsync"/> where null.</summary>
    public DateTimeOffset? ArrivedAt { get; init; }

    /// <summary>For video thumbnails: which frame of the video is the image.</summary>
    public VideoFrame? Frame { get; init; }

    /// <summary>For video thumbnails: the format named by the route's extension, used where the query has no fm.</summary>
    public OutputFormat? Format { get; init; }
}
