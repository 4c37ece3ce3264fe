namespace MediaEdge.Caching.Disk;

/// <summary>
/// The disk tier's entries by hash, with their sizes and the order they were last used in, bounded in bytes: adding
/// past the bound names the least recently used entries to delete. Not thread-safe: <see cref="DiskTier"/> holds its lock.
/// </summary>
internal sealed class DiskIndex(long maxBytes)
{
    private readonly Dictionary<string, Slot> _slots = new(StringComparer.Ordinal);
    private long _uses;

    /// <summary>Bytes of every entry held.</summary>
    public long Bytes { get; private set; }

    /// <summary>Entries held.</summary>
    public int Count => _slots.Count;

    /// <summary>The entry under <paramref name="hash"/>, now the most recently used, or null.</summary>
    public Slot? Use(string hash)
    {
        if (!_slots.TryGetValue(hash, out var slot))
        {
            return null;
        }

        slot.Used = ++_uses;
        return slot;
    }

    /// <summary>Holds an entry of <paramref name="bytes"/> under <paramref name="hash"/> as the most recently used, replacing any before it.</summary>
    /// <returns>The hashes to delete to stay within the bound, least recently used first (never <paramref name="hash"/>).</returns>
    public List<string> Add(string hash, long bytes)
    {
        if (_slots.Remove(hash, out var old))
        {
            Bytes -= old.Bytes;
        }

        _slots[hash] = new Slot(bytes) { Used = ++_uses };
        Bytes += bytes;
        var victims = new List<string>();
        while (Bytes > maxBytes && _slots.Count > 1)
        {
            // Entries are over L2's limit (8 MiB by default), so a folder holds hundreds: a scan costs less than keeping an order.
            var oldest = _slots.Where(entry => entry.Key != hash).MinBy(entry => entry.Value.Used);
            victims.Add(oldest.Key);
            Remove(oldest.Key, oldest.Value);
        }

        return victims;
    }

    /// <summary>Drops the entry under <paramref name="hash"/> if it is still <paramref name="slot"/> (not one a writer put there since).</summary>
    public bool Remove(string hash, Slot slot)
    {
        if (!_slots.TryGetValue(hash, out var held) || !ReferenceEquals(held, slot))
        {
            return false;
        }

        _slots.Remove(hash);
        Bytes -= slot.Bytes;
        return true;
    }

    /// <summary>One entry: its size in bytes and when it was last used, as a count of uses (no two share one).</summary>
    public sealed class Slot(long bytes)
    {
        public long Bytes { get; } = bytes;

        public long Used { get; set; }
    }
}
