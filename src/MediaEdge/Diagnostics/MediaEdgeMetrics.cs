using System.Diagnostics.Metrics;

namespace MediaEdge.Diagnostics;

/// <summary>The service's counters, on the <c>MediaEdge</c> meter.</summary>
public sealed class MediaEdgeMetrics
{
    public const string MeterName = "MediaEdge";

    private readonly Counter<long> _cacheRequests;
    private readonly Counter<long> _originReads;
    private readonly Counter<long> _originBytes;
    private readonly Counter<long> _transforms;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _ladderHits;
    private readonly Histogram<double> _transformDuration;
    private readonly Counter<long> _l2Bytes;
    private readonly Counter<long> _l2Errors;
    private readonly Counter<long> _staleServes;
    private readonly Counter<long> _purges;
    private readonly Counter<long> _videoOriginBytes;
    private readonly Counter<long> _httpRequests;
    private readonly Counter<long> _httpBytes;
    private readonly Counter<long> _bytesSaved;
    private readonly Histogram<double> _originDuration;
    private readonly Histogram<double> _ffmpegDuration;
    private readonly Counter<long> _ffmpegRuns;
    private int _ffmpegRunning;

    public MediaEdgeMetrics(IMeterFactory meterFactory)
    {
        Meter = meterFactory.Create(MeterName);
        _cacheRequests = Meter.CreateCounter<long>("mediaedge.cache.requests", description: "Variant lookups, by the tier that answered (hit-l1, hit-disk, hit-l2, miss).");
        _originReads = Meter.CreateCounter<long>("mediaedge.origin.reads", description: "Whole-object reads from an origin.");
        _originBytes = Meter.CreateCounter<long>("mediaedge.origin.bytes", unit: "By", description: "Bytes read from origins.");
        _transforms = Meter.CreateCounter<long>("mediaedge.transforms", description: "Images decoded and rendered by the engine.");
        _ladderHits = Meter.CreateCounter<long>("mediaedge.ladder.hits", description: "Renders that started from a kept intermediate instead of a decode, by decode (same: the shrink the render would choose; larger: another).");
        _rejected = Meter.CreateCounter<long>("mediaedge.transforms.rejected", description: "Transforms refused because the queue was full.");
        _transformDuration = Meter.CreateHistogram<double>("mediaedge.transform.duration", unit: "ms", description: "Time to decode, process and encode one image.");
        _l2Bytes = Meter.CreateCounter<long>("mediaedge.cache.l2.bytes", unit: "By", description: "Bytes read from and written to Redis, by direction.");
        _l2Errors = Meter.CreateCounter<long>("mediaedge.cache.l2.errors", description: "Redis calls that failed or timed out.");
        _staleServes = Meter.CreateCounter<long>("mediaedge.cache.stale", description: "Responses served stale, by reason (revalidating, origin-error).");
        _videoOriginBytes = Meter.CreateCounter<long>("mediaedge.video.origin.bytes", unit: "By", description: "Bytes read from origins to feed ffmpeg, by source.");
        _ffmpegRuns = Meter.CreateCounter<long>("mediaedge.ffmpeg.runs", description: "ffmpeg and ffprobe runs, by tool and outcome.");
        Meter.CreateObservableGauge("mediaedge.ffmpeg.processes", () => Volatile.Read(ref _ffmpegRunning), description: "ffmpeg and ffprobe processes running now.");
        _httpRequests = Meter.CreateCounter<long>("mediaedge.http.requests", description: "Responses, by route, status and cache tier.");
        _httpBytes = Meter.CreateCounter<long>("mediaedge.http.response.bytes", unit: "By", description: "Body bytes sent to clients, by route.");
        // No unit: the Prometheus exporter would append it, making mediaedge_bytes_saved_bytes_total instead of the documented mediaedge_bytes_saved_total.
        _bytesSaved = Meter.CreateCounter<long>("mediaedge.bytes.saved", description: "Bytes not sent thanks to transforms: source length minus response length, per image response.");
        _originDuration = Meter.CreateHistogram<double>("mediaedge.origin.duration", unit: "ms", description: "Time to read one object from an origin.");
        _ffmpegDuration = Meter.CreateHistogram<double>("mediaedge.ffmpeg.duration", unit: "ms", description: "Time of one ffmpeg or ffprobe run.");
        _purges = Meter.CreateCounter<long>("mediaedge.cache.purges", description: "Purges applied on this node, by origin (local, remote).");
    }

    public Meter Meter { get; }

    public void CacheLookup(string tier) => _cacheRequests.Add(1, new KeyValuePair<string, object?>("tier", tier));

    public void Responded(string route, int status, string tier, long bytes)
    {
        _httpRequests.Add(1, new KeyValuePair<string, object?>("route", route), new KeyValuePair<string, object?>("status", status), new KeyValuePair<string, object?>("tier", tier));
        if (bytes > 0)
        {
            _httpBytes.Add(bytes, new KeyValuePair<string, object?>("route", route));
        }
    }

    public void Saved(long bytes)
    {
        if (bytes > 0)
        {
            _bytesSaved.Add(bytes);
        }
    }

    public void OriginDuration(string source, double milliseconds) => _originDuration.Record(milliseconds, new KeyValuePair<string, object?>("source", source));

    public void FfmpegDuration(string tool, double milliseconds) => _ffmpegDuration.Record(milliseconds, new KeyValuePair<string, object?>("tool", tool));

    /// <summary>Publishes transforms running or queued, and decode memory in use.</summary>
    public void ObserveQueue(Func<int> pending, Func<long> decodeBytes)
    {
        Meter.CreateObservableGauge("mediaedge.transforms.queued", pending, description: "Transforms running or waiting for a slot.");
        Meter.CreateObservableGauge("mediaedge.decode.memory", decodeBytes, unit: "By", description: "Decoded-pixel memory reserved by transforms now.");
    }

    public void OriginRead(string source, long bytes)
    {
        var tag = new KeyValuePair<string, object?>("source", source);
        _originReads.Add(1, tag);
        _originBytes.Add(bytes, tag);
    }

    public void Transformed(string engine, double milliseconds)
    {
        var tag = new KeyValuePair<string, object?>("engine", engine);
        _transforms.Add(1, tag);
        _transformDuration.Record(milliseconds, tag);
    }

    public void Rejected() => _rejected.Add(1);

    /// <summary>A render from a kept intermediate (the vips resize ladder).</summary>
    public void Laddered(Imaging.LadderUse use) => _ladderHits.Add(1, new KeyValuePair<string, object?>("decode", use == Imaging.LadderUse.Same ? "same" : "larger"));

    public void L2Bytes(string direction, long bytes) => _l2Bytes.Add(bytes, new KeyValuePair<string, object?>("direction", direction));

    public void L2Error() => _l2Errors.Add(1);

    public void StaleServed(string reason) => _staleServes.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void VideoOriginBytes(string source, long bytes) => _videoOriginBytes.Add(bytes, new KeyValuePair<string, object?>("source", source));

    public void FfmpegStarted() => Interlocked.Increment(ref _ffmpegRunning);

    public void FfmpegEnded(string tool, string outcome)
    {
        Interlocked.Decrement(ref _ffmpegRunning);
        _ffmpegRuns.Add(1, new KeyValuePair<string, object?>("tool", tool), new KeyValuePair<string, object?>("outcome", outcome));
    }

    public void Purged(string origin) => _purges.Add(1, new KeyValuePair<string, object?>("origin", origin));

    /// <summary>Publishes the Redis breaker state: 0 closed, 1 open, 2 half-open.</summary>
    /// <summary>Publishes what the disk tier holds, in bytes (headers included).</summary>
    public void ObserveDisk(Func<long> bytes) =>
        Meter.CreateObservableGauge("mediaedge.cache.disk.bytes", bytes, unit: "By", description: "Bytes held by this node's disk tier.");

    public void ObserveBreaker(Func<int> state) =>
        Meter.CreateObservableGauge("mediaedge.cache.l2.breaker", state, description: "Redis circuit breaker: 0 closed, 1 open, 2 half-open.");
}
