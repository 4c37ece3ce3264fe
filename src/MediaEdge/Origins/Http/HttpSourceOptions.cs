namespace MediaEdge.Origins.Http;

/// <summary>MediaEdge:Sources:{name} with <c>Kind: "Http"</c> — an HTTP server whose URLs are <c>BaseUrl</c> + key.</summary>
public sealed class HttpSourceOptions
{
    /// <summary>The URL keys are appended to (absolute http or https); required.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>The hosts that may be fetched from (redirects included); empty: BaseUrl's host only. Default empty.</summary>
    public string[] AllowedHosts { get; set; } = [];

    /// <summary>Let this source reach loopback and private addresses (tests, internal origins). Default false.</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>Redirects followed, each re-checked against AllowedHosts and the address rules, 0 to 10. Default 3.</summary>
    public int MaxRedirects { get; set; } = 3;

    /// <summary>Time to connect, in seconds (504 beyond). Default 5.</summary>
    public int ConnectTimeoutSeconds { get; set; } = 5;

    /// <summary>Time for one origin request, body included, in seconds (504 beyond). Default 20.</summary>
    public int TimeoutSeconds { get; set; } = 20;
}
