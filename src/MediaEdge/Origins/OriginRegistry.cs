using MediaEdge.Requests;

namespace MediaEdge.Origins;

/// <summary>The configured sources by name.</summary>
public sealed class OriginRegistry
{
    private readonly Dictionary<string, IOrigin> _origins;

    public OriginRegistry(IReadOnlyDictionary<string, SourceOptions> sources, string contentRoot, IEnumerable<NamedOrigin>? extra = null)
    {
        _origins = new Dictionary<string, IOrigin>(StringComparer.Ordinal);
        var registered = (extra ?? []).Select(named => named.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, options) in sources.Where(source => !registered.Contains(source.Key)))
        {
            _origins[name] = options.Kind switch
            {
                "FileSystem" => new FileSystemOrigin(name, Path.Combine(contentRoot, options.Root ?? name)),
                "AzureBlob" => new AzureBlobOrigin(name, options),
                "Http" => new HttpOrigin(name, options),
                _ => throw new InvalidOperationException($"MediaEdge:Sources:{name}:Kind must be FileSystem, AzureBlob, Http or a registered kind such as S3 (got '{options.Kind}')."),
            };
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
