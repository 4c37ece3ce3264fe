using System.Collections.Concurrent;
using MediaEdge.Tenancy;
using Microsoft.Extensions.Configuration;

namespace MediaEdge.Origins;

/// <summary>MediaEdge:Sources:{name} — one origin, named in URLs as <c>/img/{name}/…</c>.</summary>
public sealed class SourceOptions
{
    private IConfiguration? _section;

    // Bound once per options class: dialects ask every source's kind for its settings on each request (IOriginKind.KeyOf).
    private ConcurrentDictionary<Type, object> _bound = new();

    /// <summary>The origin kind: the name of an <see cref="IOriginKind"/> (FileSystem, AzureBlob, Http, S3). Default FileSystem.</summary>
    public string Kind { get; set; } = "FileSystem";

    /// <summary>
    /// Any kind: imgix's secure URL token for this source. Set, every URL of the source must carry <c>s</c>, the hex MD5
    /// of the token, the path and the query as sent (imgix's signing scheme, as @imgix/js-core's <c>secureURLToken</c>
    /// signs); a URL signed with one of <c>Security:SigningKeys</c> is accepted too. Default empty: none.
    /// </summary>
    public string? ImgixSecureToken { get; set; }

    /// <summary>The source's own limits in place of the node's (<c>Sources:{name}:Limits</c>, names as in Limits and Video). Default none.</summary>
    public SourceLimitsOptions Limits { get; set; } = new();

    /// <summary>The source's request and transform-time rates (<c>Sources:{name}:RateLimit</c>), 429 beyond. Default none.</summary>
    public SourceRateLimitOptions RateLimit { get; set; } = new();

    /// <summary>
    /// HMAC-SHA256 keys of this source alone. Set, every URL of the source must carry <c>s</c> signed with one of them (or
    /// with one of Security:SigningKeys, the operator's); a key of one source never opens another. Default none.
    /// </summary>
    public string[] SigningKeys { get; set; } = [];

    /// <summary>Security:PresetsOnly for this source alone (true: only <c>?preset=</c>; false: free parameters too). Default null: the node's.</summary>
    public bool? PresetsOnly { get; set; }

    /// <summary>The source's configuration section, where it was read from configuration: for start-up checks of its keys.</summary>
    public IConfiguration? Section => _section;

    /// <summary>
    /// The settings of the source's kind (<c>Http</c>'s BaseUrl, <c>S3</c>'s Bucket…), bound from the source's own
    /// configuration section to the kind's options class once, and shared after; defaults where the source was not read from configuration.
    /// </summary>
    public T Bind<T>()
        where T : new() =>
        (T)_bound.GetOrAdd(typeof(T), _ =>
        {
            var options = new T();
            _section?.Bind(options);
            return options!;
        });

    /// <summary>A source of kind <paramref name="kind"/> whose section holds <paramref name="settings"/> (<c>Root</c>, <c>BaseUrl</c>…), as if configured: the embedded default source, and tests.</summary>
    public static SourceOptions Of(string kind, params (string Key, string Value)[] settings) =>
        new SourceOptions { Kind = kind }.From(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build());

    /// <summary>Keeps the source's configuration section (<c>MediaEdge:Sources:{name}</c>) for <see cref="Bind{T}"/>.</summary>
    internal SourceOptions From(IConfiguration section)
    {
        _section = section;
        _bound = new();
        return this;
    }
}
