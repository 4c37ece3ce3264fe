namespace MediaEdge.Caching;

/// <summary>
/// The name of one cache entry, in either tier: its group (the entries of one variant, or of one source object, which
/// Redis keeps on one slot by their hash tag) and its name within the group. Made only by <see cref="CacheNamespace"/>.
/// </summary>
public readonly record struct EntryKey
{
    internal EntryKey(string group, string name)
    {
        Group = group;
        Name = name;
    }

    /// <summary>What the entry belongs to: a variant's or a source's hash, or <c>s:</c> and a source object's id.</summary>
    public string Group { get; }

    /// <summary>The entry's kind within its group, and the qualifiers that tell its entries apart (version, validator…).</summary>
    public string Name { get; }

    /// <summary>The Redis key under a deployment's <paramref name="prefix"/>: <c>{prefix}:{{group}}:{name}</c>.</summary>
    public string InRedis(string prefix) => $"{prefix}:{{{Group}}}:{Name}";

    /// <summary>The key without the deployment prefix, for logs and tests.</summary>
    public override string ToString() => $"{{{Group}}}:{Name}";
}
