using System.Diagnostics.Metrics;

namespace MediaEdge.Tests.Caching;

/// <summary>Meters for a MediaEdgeMetrics made outside a host.</summary>
internal sealed class TestMeterFactory : IMeterFactory
{
    private readonly List<Meter> _meters = [];

    public Meter Create(MeterOptions options)
    {
        var meter = new Meter(options);
        _meters.Add(meter);
        return meter;
    }

    public void Dispose() => _meters.ForEach(m => m.Dispose());
}
