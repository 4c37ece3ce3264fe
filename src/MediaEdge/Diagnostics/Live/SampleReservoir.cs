namespace MediaEdge.Diagnostics.Live;

/// <summary>
/// Up to <see cref="Capacity"/> samples of a stream, each kept with equal chance once more arrive (reservoir sampling),
/// so an interval's percentiles stay fair at any rate while its memory stays fixed. Not thread-safe: its bucket's lock guards it.
/// </summary>
internal sealed class SampleReservoir
{
    public const int Capacity = 256;

    private readonly double[] _samples = new double[Capacity];

    /// <summary>Samples offered since the last <see cref="Clear"/>, kept or not.</summary>
    public long Seen { get; private set; }

    /// <summary>The samples kept.</summary>
    public ReadOnlySpan<double> Samples => _samples.AsSpan(0, (int)Math.Min(Seen, Capacity));

    public void Add(double value)
    {
        Seen++;
        if (Seen <= Capacity)
        {
            _samples[Seen - 1] = value;
            return;
        }

        var slot = Random.Shared.NextInt64(Seen);
        if (slot < Capacity)
        {
            _samples[slot] = value;
        }
    }

    public void Clear() => Seen = 0;
}
