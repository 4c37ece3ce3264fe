using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace MediaEdge.IntegrationTests.Hosting;

/// <summary>Sums the counters of one <see cref="Meter"/> instance, so hosts running side by side never count each other's work.</summary>
public sealed class MeterRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _totals = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, double> _sums = new(StringComparer.Ordinal);

    public MeterRecorder(Meter meter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            _totals.AddOrUpdate(instrument.Name, value, (_, total) => total + value);
            foreach (var tag in tags)
            {
                _totals.AddOrUpdate($"{instrument.Name}|{tag.Key}={tag.Value}", value, (_, total) => total + value);
            }
        });
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            _sums.AddOrUpdate(instrument.Name, value, (_, total) => total + value);
            foreach (var tag in tags)
            {
                _sums.AddOrUpdate($"{instrument.Name}|{tag.Key}={tag.Value}", value, (_, total) => total + value);
            }
        });
        _listener.Start();
    }

    public long Total(string instrument) => _totals.GetValueOrDefault(instrument);

    /// <summary>The sum of the measurements of <paramref name="instrument"/> that carried <paramref name="tag"/>.</summary>
    public long Total(string instrument, (string Key, string Value) tag) => _totals.GetValueOrDefault($"{instrument}|{tag.Key}={tag.Value}");

    /// <summary>The sum of the measurements of a double-valued <paramref name="instrument"/> (a counter or histogram) that carried <paramref name="tag"/>.</summary>
    public double Sum(string instrument, (string Key, string Value) tag) => _sums.GetValueOrDefault($"{instrument}|{tag.Key}={tag.Value}");

    public void Dispose() => _listener.Dispose();
}
