namespace MediaEdge.Tenancy.Usage;

/// <summary>The counters of a usage record, one per thing metered; the name of each is its field in JSON, CSV and Redis.</summary>
public enum UsageField
{
    /// <summary>Responses to requests for the source, whatever their status (rate-limited ones included).</summary>
    Requests,

    /// <summary>Variants computed: image renders and video outputs made, not served from a cache.</summary>
    Variants,

    /// <summary>Transform time, in microseconds: a render worker's CPU time per render (wall time where renders run in process).</summary>
    TransformMicroseconds,

    /// <summary>ffmpeg and ffprobe run time, in microseconds.</summary>
    FfmpegMicroseconds,

    /// <summary>Bytes read from the source's origin (images, video blocks for ffmpeg, /o/ bodies).</summary>
    OriginBytes,

    /// <summary>Response body bytes sent (none for HEAD or 304).</summary>
    BytesOut,

    /// <summary>Original's length minus the response's, per image response sent.</summary>
    BytesSaved,

    /// <summary>Responses from this node's memory (L1).</summary>
    HitL1,

    /// <summary>Responses from this node's disk tier.</summary>
    HitDisk,

    /// <summary>Responses from Redis (L2).</summary>
    HitL2,

    /// <summary>Responses computed or read through to the origin.</summary>
    Miss,

    /// <summary>Responses served stale (RFC 9111 §4.2.4).</summary>
    Stale,

    /// <summary>Requests refused with 429 by the source's RateLimit.</summary>
    RateLimited,

    /// <summary>Responses with a 4xx status.</summary>
    ClientErrors,

    /// <summary>Responses with a 5xx status.</summary>
    ServerErrors,
}
