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
    private readonly Histogram<double> _transformDuration;

    public MediaEdgeMetrics(IMeterFactory meterFactory)
    {
        Meter = meterFactory.Create(MeterName);
        _cacheRequests = Meter.CreateCounter<long>("mediaedge.cache.requests", description: "Variant lookups, by tier that answered (hit-l1, miss).");
        _originReads = Meter.CreateCounter<long>("mediaedge.origin.reads", description: "Whole-object reads from an origin.");
        _originBytes = Meter.CreateCounter<long>("mediaedge.origin.bytes", unit: "By", description: "Bytes read from origins.");
        _transforms = Meter.CreateCounter<long>("mediaedge.transforms", description: "Images decoded and rendered by the engine.");
        _rejected = Meter.CreateCounter<long>("mediaedge.transforms.rejected", description: "Transforms refused because the queue was full.");
        _transformDuration = Meter.CreateHistogram<double>("mediaedge.transform.duration", unit: "ms", description: "Time to decode, process and encode one image.");
    }

    public Meter Meter { get; }

    public void CacheLookup(string tier) => _cacheRequests.Add(1, new KeyValuePair<string, object?>("tier", tier));

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
}
