using VImage = NetVips.Image;

namespace MediaEdge.Imaging.Vips.Ladder;

/// <summary>
/// A worker's kept intermediates: sources decoded (with their shrink-on-load), auto-rotated and colour-prepared, held in
/// memory so that a later render of the same source at another width resizes from one instead of decoding again. Bounded
/// in bytes (least recently used out first), each gone <c>seconds</c> after its last use (measured with
/// <see cref="TimeProvider"/>); thread-safe. What it hands out is a new reference, so an eviction never frees pixels in use.
/// </summary>
internal sealed class DecodeLadder : IDisposable
{
    private readonly long _maxBytes;
    private readonly TimeSpan _lifetime;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly LinkedList<LadderRung> _rungs = new();
    private readonly ITimer? _sweep;
    private long _bytes;

    /// <param name="maxBytes">Pixel bytes kept at most; 0 keeps nothing.</param>
    /// <param name="seconds">How long a rung is kept after its last use.</param>
    public DecodeLadder(long maxBytes, double seconds, TimeProvider time)
    {
        _maxBytes = Math.Max(0, maxBytes);
        _lifetime = TimeSpan.FromSeconds(Math.Max(0, seconds));
        _time = time;

        // An idle worker gives its memory back too, not only at its next render.
        if (Enabled)
        {
            _sweep = time.CreateTimer(static l => ((DecodeLadder)l!).Sweep(), this, _lifetime, _lifetime);
        }
    }

    /// <summary>False where Imaging:LadderBytes or Imaging:LadderSeconds is 0.</summary>
    public bool Enabled => _maxBytes > 0 && _lifetime > TimeSpan.Zero;

    /// <summary>Pixel bytes held now.</summary>
    public long Bytes
    {
        get
        {
            lock (_lock)
            {
                return _bytes;
            }
        }
    }

    /// <summary>The bytes an image's pixels take in memory: width x height x bands x bytes per sample.</summary>
    public static long SizeOf(VImage image) => (long)image.Width * image.Height * image.Bands * SampleBytes(image.Format);

    /// <summary>True where an image of <paramref name="bytes"/> may be kept at all (within the whole budget).</summary>
    public bool Fits(long bytes) => Enabled && bytes <= _maxBytes;

    /// <summary>
    /// The kept decodes of <paramref name="source"/> (its identity and format), each as a new reference the caller disposes
    /// unless it takes one; expired rungs are released first. Empty where there are none.
    /// </summary>
    public IReadOnlyList<LadderRung> Find(string source, SourceFormat format)
    {
        var now = _time.GetUtcNow();
        List<LadderRung> found = [];
        lock (_lock)
        {
            Expire(now);
            for (var node = _rungs.First; node is not null; node = node.Next)
            {
                var rung = node.Value;
                if (rung.Source == source && rung.Format == format)
                {
                    found.Add(rung with { Image = rung.Image.Copy() });
                }
            }
        }

        return found;
    }

    /// <summary>Marks a rung used now (sliding its expiry, first out last).</summary>
    public void Touch(LadderRung used)
    {
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            for (var node = _rungs.First; node is not null; node = node.Next)
            {
                if (node.Value.Source == used.Source && node.Value.Format == used.Format && node.Value.Shrink == used.Shrink)
                {
                    _rungs.Remove(node);
                    _rungs.AddFirst(node.Value with { LastUsed = now });
                    return;
                }
            }
        }
    }

    /// <summary>Keeps a materialised image (a reference of its own is taken), evicting the least recently used to make room.</summary>
    public void Keep(string source, SourceFormat format, double shrink, bool defersColour, VImage image)
    {
        var bytes = SizeOf(image);
        if (!Fits(bytes))
        {
            return;
        }

        var rung = new LadderRung(source, format, shrink, defersColour, image.Copy(), bytes, _time.GetUtcNow());
        lock (_lock)
        {
            for (var node = _rungs.First; node is not null; node = node.Next)
            {
                if (node.Value.Source == source && node.Value.Format == format && node.Value.Shrink == shrink)
                {
                    Release(node);
                    break;
                }
            }

            while (_bytes + bytes > _maxBytes && _rungs.Last is { } oldest)
            {
                Release(oldest);
            }

            _rungs.AddFirst(rung);
            _bytes += bytes;
        }
    }

    public void Dispose()
    {
        _sweep?.Dispose();
        lock (_lock)
        {
            while (_rungs.Last is { } last)
            {
                Release(last);
            }
        }
    }

    private void Sweep()
    {
        lock (_lock)
        {
            Expire(_time.GetUtcNow());
        }
    }

    private void Expire(DateTimeOffset now)
    {
        while (_rungs.Last is { } oldest && now - oldest.Value.LastUsed >= _lifetime)
        {
            Release(oldest);
        }
    }

    private void Release(LinkedListNode<LadderRung> node)
    {
        _rungs.Remove(node);
        _bytes -= node.Value.Bytes;
        node.Value.Image.Dispose();
    }

    private static int SampleBytes(NetVips.Enums.BandFormat format) => format switch
    {
        NetVips.Enums.BandFormat.Uchar or NetVips.Enums.BandFormat.Char => 1,
        NetVips.Enums.BandFormat.Ushort or NetVips.Enums.BandFormat.Short => 2,
        NetVips.Enums.BandFormat.Uint or NetVips.Enums.BandFormat.Int or NetVips.Enums.BandFormat.Float => 4,
        NetVips.Enums.BandFormat.Double or NetVips.Enums.BandFormat.Complex => 8,
        _ => 16,
    };
}
