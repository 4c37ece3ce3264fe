using Microsoft.Extensions.Configuration;

namespace MediaEdge.Origins;

/// <summary>MediaEdge:Sources:{name} — one origin, named in URLs as <c>/img/{name}/…</c>.</summary>
public sealed class SourceOptions
{
    private IConfiguration? _section;

    /// <summary>The origin kind: the name of an <see cref="IOriginKind"/> (FileSystem, AzureBlob, Http…). Default FileSystem.</summary>
    public string Kind { get; set; } = "FileSystem";

    /// <summary>FileSystem: the folder served, absolute or relative to the content root.</summary>
    public string? Root { get; set; }

    /// <summary>AzureBlob: a storage connection string.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>AzureBlob: the container.</summary>
    public string? Container { get; set; }

    /// <summary>Http: the URL keys are appended to.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Http: the hosts that may be fetched from (redirects included).</summary>
    public string[] AllowedHosts { get; set; } = [];

    /// <summary>Http: let this source reach loopback and private addresses (tests, internal origins). Default false.</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>Http: redirects followed, each re-checked against AllowedHosts and the address rules. Default 3.</summary>
    public int MaxRedirects { get; set; } = 3;

    /// <summary>Http: time to connect, in seconds (504 beyond). Default 5.</summary>
    public int ConnectTimeoutSeconds { get; set; } = 5;

    /// <summary>Http and AzureBlob: time for one origin request, body included, in seconds (504 beyond). Default 20.</summary>
    public int TimeoutSeconds { get; set; } = 20;

    /// <summary>
    /// Any kind: imgix's secure URL token for this source. Set, every URL of the source must carry <c>s</c>, the hex MD5
    /// of the token, the path and the query as sent (imgix's signing scheme, as @imgix/js-core's <c>secureURLToken</c>
    /// signs); a URL signed with one of <c>Security:SigningKeys</c> is accepted too. Default empty: none.
    /// </summary>
    public string? ImgixSecureToken { get; set; }

    /// <summary>AzureBlob: the account URL (<c>https://account.blob.core.windows.net</c>), used with DefaultAzureCredential when no ConnectionString is given.</summary>
    public string? AccountUrl { get; set; }

    /// <summary>
    /// The settings of the source's kind beyond those above (<c>S3</c>'s Bucket, Region…), bound from the source's own
    /// configuration section to the kind's options class; defaults where the source was not read from configuration.
    /// </summary>
    public T Bind<T>()
        where T : new()
    {
        var options = new T();
        _section?.Bind(options);
        return options;
    }

    /// <summary>Keeps the source's configuration section (<c>MediaEdge:Sources:{name}</c>) for <see cref="Bind{T}"/>.</summary>
    internal SourceOptions From(IConfiguration section)
    {
        _section = section;
        return this;
    }
}
