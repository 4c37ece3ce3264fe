using MediaEdge.Composition;
using MediaEdge.Origins;
using MediaEdge.Requests;

namespace MediaEdge.Dialects;

/// <summary>
/// Maps a dialect's source URL onto the configured sources: a relative path is a key of
/// <c>MediaEdge:Dialects:DefaultSource</c>; an absolute http(s) URL is a key of the Http source whose <c>BaseUrl</c> it
/// starts with, and is refused (400) where none is, so a dialect never fetches from anywhere not configured.
/// </summary>
public sealed class SourceUrls
{
    private readonly string _defaultSource;
    private readonly NamedExtensions<IOriginKind> _kinds;

    /// <summary>The URLs of <paramref name="sources"/>, as their <paramref name="kinds"/> read them; relative ones from <paramref name="defaultSource"/>.</summary>
    public SourceUrls(IReadOnlyDictionary<string, SourceOptions> sources, string defaultSource, NamedExtensions<IOriginKind> kinds)
    {
        _defaultSource = defaultSource;
        _kinds = kinds;
        Sources = sources;
    }

    /// <summary>The configured sources, by name.</summary>
    public IReadOnlyDictionary<string, SourceOptions> Sources { get; }

    /// <summary>The source a relative source URL is read from (<c>MediaEdge:Dialects:DefaultSource</c>).</summary>
    public string DefaultSource => _defaultSource;

    /// <summary>The source and key of <paramref name="url"/>, the value of the dialect's parameter <paramref name="parameter"/>.</summary>
    public (string Source, string Key) Resolve(string parameter, string url)
    {
        if (url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal))
        {
            var key = url.TrimStart('/');
            var query = key.IndexOfAny(['?', '#']);
            return (_defaultSource, query < 0 ? key : key[..query]);
        }

        if (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            return Holder(url) ?? throw Problems.BadParameter(parameter, $"'{url}' is under no configured Http source's BaseUrl, so it is not fetched.");
        }

        throw Problems.BadParameter(parameter, $"'{url}' must be a path starting with '/' (read from the source '{_defaultSource}', MediaEdge:Dialects:DefaultSource) or an absolute http(s) URL under a configured Http source.");
    }

    /// <summary>
    /// The source holding the absolute source URL <paramref name="url"/> and its key there, as each source's kind reads its
    /// URLs (<see cref="IOriginKind.KeyOf"/>); the most specific source (shortest key) where several do; null where none does.
    /// </summary>
    public (string Source, string Key)? Holder(string url)
    {
        (string Source, string Key)? best = null;
        foreach (var (name, source) in Sources)
        {
            if (_kinds.Find(source.Kind)?.KeyOf(source, url) is { } key && (best is null || key.Length < best.Value.Key.Length))
            {
                best = (name, key);
            }
        }

        return best;
    }
}
