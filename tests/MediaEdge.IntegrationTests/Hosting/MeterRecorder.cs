using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace MediaEdge.IntegrationTests.Hosting;

/// <summary>Sums the counters of one <see cref="Meter"/> instance, so hosts running side by side never count each other's work.</summary>
public sealed class MeterRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _totals = new(StringComparer.Ordinal);

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
            Add(instrument.Name, value);
            foreach (var tag in tags)
            {
                Add(TaggedName(instrument.Name, tag.Key, tag.Value), value);
            }
        });
        _listener.Start();
    }

    public long Total(string instrument) => _totals.GetValueOrDefault(instrument);

    /// <summary>The sum of the measurements of <paramref name="instrument"/> that carried <paramref name="tag"/> = <paramref name="value"/> (ffmpeg runs of tool ffmpeg, not ffprobe).</summary>
    public long Total(string instrument, string tag, string value) => _totals.GetValueOrDefault(TaggedName(instrument, tag, value));

    private static string TaggedName(string instrument, string tag, object? value) => $"{instrument}|{tag}={value}";

    private void Add(string name, long value) => _totals.AddOrUpdate(name, value, (_, total) => total + value);

    public void Dispose() => _listener.Dispose();
}
