using System.Collections.Frozen;
using System.Diagnostics.Metrics;
using MediaEdge.Diagnostics;

namespace MediaEdge.Tenancy.Usage;

/// <summary>
/// Meters what each configured source uses, twice over: as OpenTelemetry counters on the <c>MediaEdge</c> meter with a
/// <c>source</c> tag (<c>mediaedge.usage.*</c>; only configured sources, so the tag stays bounded), and in the hourly
/// <see cref="UsageLedger"/> records that billing reads. A name that is not a configured source is not metered.
/// </summary>
public sealed class UsageMeter
{
    private readonly UsageLedger _ledger;
    private readonly FrozenSet<string> _sources;
    private readonly Counter<long> _requests;
    private readonly Counter<long> _variants;
    private readonly Counter<double> _transformTime;
    private readonly Counter<double> _ffmpegTime;
    private readonly Counter<long> _originBytes;
    private readonly Counter<long> _bytesOut;
    private readonly Counter<long> _bytesSaved;
    private readonly Counter<long> _rateLimited;

    /// <param name="sources">The configured sources' names: the only values of the <c>source</c> tag.</param>
    public UsageMeter(MediaEdgeMetrics metrics, UsageLedger ledger, IEnumerable<string> sources)
    {
        _ledger = ledger;
        _sources = sources.ToFrozenSet(StringComparer.Ordinal);
        var meter = metrics.Meter;
        _requests = meter.CreateCounter<long>("mediaedge.usage.requests", description: "Responses per source, by cache tier and status class.");
        _variants = meter.CreateCounter<long>("mediaedge.usage.variants", description: "Variants computed per source (renders and video outputs not served from a cache).");
        _transformTime = meter.CreateCounter<double>("mediaedge.usage.transform.time", unit: "ms", description: "Transform time per source: a render worker's CPU time per render.");
        _ffmpegTime = meter.CreateCounter<double>("mediaedge.usage.ffmpeg.time", unit: "s", description: "ffmpeg and ffprobe run time per source.");
        _originBytes = meter.CreateCounter<long>("mediaedge.usage.origin.bytes", unit: "By", description: "Bytes read from each source's origin.");
        _bytesOut = meter.CreateCounter<long>("mediaedge.usage.response.bytes", unit: "By", description: "Response body bytes sent per source.");
        // No unit, as mediaedge.bytes.saved: the Prometheus name stays mediaedge_usage_bytes_saved_total.
        _bytesSaved = meter.CreateCounter<long>("mediaedge.usage.bytes.saved", description: "Original's length minus the response's, per source.");
        _rateLimited = meter.CreateCounter<long>("mediaedge.usage.rate_limited", description: "Requests refused with 429 by a source's RateLimit, by limit.");
    }

    /// <summary>The ledger the records are kept in.</summary>
    public UsageLedger Ledger => _ledger;

    /// <summary>Whether <paramref name="source"/> is a configured source, and so metered.</summary>
    public bool Meters(string? source) => source is not null && _sources.Contains(source);

    /// <summary>A response for <paramref name="source"/>: its status, the cache tier that answered (Server-Timing's <c>cache;desc=</c>, or none) and its body bytes sent.</summary>
    public void Responded(string source, int status, string tier, long bytesOut)
    {
        if (!Meters(source))
        {
            return;
        }

        var tierField = tier switch
        {
            "hit-l1" => UsageField.HitL1,
            "hit-disk" => UsageField.HitDisk,
            "hit-l2" => UsageField.HitL2,
            "miss" => UsageField.Miss,
            "stale" => UsageField.Stale,
            _ => (UsageField?)null,
        };
        var errorField = status >= 500 ? UsageField.ServerErrors : status >= 400 ? UsageField.ClientErrors : (UsageField?)null;
        Span<(UsageField, long)> amounts = [(UsageField.Requests, 1), (UsageField.BytesOut, bytesOut), (tierField ?? UsageField.Requests, tierField is null ? 0 : 1), (errorField ?? UsageField.Requests, errorField is null ? 0 : 1)];
        _ledger.Add(source, amounts);
        var tag = new KeyValuePair<string, object?>("source", source);
        _requests.Add(1, tag, new("tier", tier), new("status_class", StatusClass(status)));
        if (bytesOut > 0)
        {
            _bytesOut.Add(bytesOut, tag);
        }
    }

    /// <summary>A variant of <paramref name="source"/> computed, its transform taking <paramref name="milliseconds"/> (0 for one made by ffmpeg alone).</summary>
    public void Computed(string source, double milliseconds)
    {
        if (!Meters(source))
        {
            return;
        }

        _ledger.Add(source, [(UsageField.Variants, 1), (UsageField.TransformMicroseconds, (long)Math.Round(milliseconds * 1000))]);
        var tag = new KeyValuePair<string, object?>("source", source);
        _variants.Add(1, tag);
        _transformTime.Add(milliseconds, tag);
    }

    /// <summary>An ffmpeg or ffprobe run for <paramref name="source"/> that took <paramref name="seconds"/>.</summary>
    public void FfmpegRan(string source, double seconds)
    {
        if (Meters(source))
        {
            _ledger.Add(source, UsageField.FfmpegMicroseconds, (long)Math.Round(seconds * 1_000_000));
            _ffmpegTime.Add(seconds, new KeyValuePair<string, object?>("source", source));
        }
    }

    /// <summary><paramref name="bytes"/> read from <paramref name="source"/>'s origin.</summary>
    public void OriginRead(string source, long bytes)
    {
        if (Meters(source) && bytes > 0)
        {
            _ledger.Add(source, UsageField.OriginBytes, bytes);
            _originBytes.Add(bytes, new KeyValuePair<string, object?>("source", source));
        }
    }

    /// <summary>An image response of <paramref name="source"/> sent <paramref name="bytes"/> fewer than its original.</summary>
    public void Saved(string source, long bytes)
    {
        if (Meters(source) && bytes != 0)
        {
            _ledger.Add(source, UsageField.BytesSaved, bytes);
            _bytesSaved.Add(bytes, new KeyValuePair<string, object?>("source", source));
        }
    }

    /// <summary>A request of <paramref name="source"/> refused by its <paramref name="limit"/> (RequestsPerSecond, TransformSecondsPerSecond).</summary>
    public void RateLimited(string source, string limit)
    {
        if (Meters(source))
        {
            _ledger.Add(source, UsageField.RateLimited, 1);
            _rateLimited.Add(1, new KeyValuePair<string, object?>("source", source), new("limit", limit));
        }
    }

    private static string StatusClass(int status) => status switch
    {
        < 200 => "1xx",
        < 300 => "2xx",
        < 400 => "3xx",
        < 500 => "4xx",
        _ => "5xx",
    };
}
