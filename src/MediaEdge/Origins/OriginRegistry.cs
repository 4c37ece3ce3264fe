using MediaEdge.Composition;
using MediaEdge.Requests;

namespace MediaEdge.Origins;

/// <summary>The configured sources by name.</summary>
public sealed class OriginRegistry
{
    private readonly Dictionary<string, IOrigin> _origins;

    /// <summary>The origins of <paramref name="sources"/>, each made by its kind among <paramref name="kinds"/>, and the ready-made <paramref name="extra"/> ones (tests').</summary>
    public OriginRegistry(IReadOnlyDictionary<string, SourceOptions> sources, string contentRoot, NamedExtensions<IOriginKind> kinds, IEnumerable<NamedOrigin>? extra = null)
    {
        _origins = new Dictionary<string, IOrigin>(StringComparer.Ordinal);
        foreach (var (name, options) in sources)
        {
            var kind = kinds.Find(options.Kind)
                ?? throw new InvalidOperationException($"MediaEdge:Sources:{name}:Kind must be {kinds.Names} (got '{options.Kind}').");
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
