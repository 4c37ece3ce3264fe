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
    private readonly List<(string Source, string BaseUrl)> _bases;

    public SourceUrls(IReadOnlyDictionary<string, SourceOptions> sources, string defaultSource)
    {
        _defaultSource = defaultSource;
        Sources = sources;
        _bases = [.. sources
            .Where(s => !string.IsNullOrEmpty(s.Value.BaseUrl))
            .Select(s => (s.Key, s.Value.BaseUrl!.EndsWith('/') ? s.Value.BaseUrl : s.Value.BaseUrl + "/"))
            .OrderByDescending(s => s.Item2.Length)];
    }

    /// <summary>The configured sources, by name, for a dialect whose source URLs name a store (imgproxy's <c>s3://bucket/key</c>).</summary>
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
            foreach (var (source, baseUrl) in _bases)
            {
                if (url.StartsWith(baseUrl, StringComparison.OrdinalIgnoreCase) && url.Length > baseUrl.Length)
                {
                    return (source, Uri.UnescapeDataString(url[baseUrl.Length..]));
                }
            }

            throw Problems.BadParameter(parameter, $"'{url}' is under no configured Http source's BaseUrl, so it is not fetched.");
        }

        throw Problems.BadParameter(parameter, $"'{url}' must be a path starting with '/' (read from the source '{_defaultSource}', MediaEdge:Dialects:DefaultSource) or an absolute http(s) URL under a configured Http source.");
    }
}
