using MediaEdge.Composition;
using MediaEdge.Requests;

namespace MediaEdge.Origins;

/// <summary>The configured sources by name.</summary>
public sealed class OriginRegistry
{
    private readonly Dictionary<string, IOrigin> _origins;

    public OriginRegistry(IReadOnlyDictionary<string, SourceOptions> sources, string contentRoot, IEnumerable<NamedOrigin>? extra = null)
    {
        _origins = new Dictionary<string, IOrigin>(StringComparer.Ordinal);
        foreach (var (name, options) in sources)
        {
            var kind = NamedExtensions<IOriginKind>.Find(options.Kind)
                ?? throw new InvalidOperationException($"MediaEdge:Sources:{name}:Kind must be {NamedExtensions<IOriginKind>.Names} (got '{options.Kind}').");
            _origins[name] = kind.Create(name, options, contentRoot);
        }

        foreach (var named in extra ?? [])
        {
            _origins[named.Name] = named.Origin;
        }
    }

    public IReadOnlyDictionary<string, IOrigin> All => _origins;

    public IOrigin Get(string source) =>
        _origins.TryGetValue(source, out var origin) ? origin : throw Problems.UnknownSource(source);
}
