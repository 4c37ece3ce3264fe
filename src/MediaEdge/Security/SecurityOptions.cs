namespace MediaEdge.Security;

/// <summary>MediaEdge:Security — signed URLs and the admin token.</summary>
public sealed class SecurityOptions
{
    /// <summary>HMAC-SHA256 keys for the <c>s</c> parameter; any may match, so keys can be rotated. Default none.</summary>
    public string[] SigningKeys { get; set; } = [];

    /// <summary>Refuse (403) requests without a valid signature. Default false.</summary>
    public bool RequireSignature { get; set; }

    /// <summary>Accept only <c>?preset=</c> (with <c>expires</c> and <c>s</c>), no free parameters. Default false.</summary>
    public bool PresetsOnly { get; set; }

    /// <summary>Originals with an active content type (SVG, HTML, XML) on /o/: Attachment (download, sandboxed by Content-Security-Policy) or Refuse (415). Default Attachment.</summary>
    public string ActiveContent { get; set; } = "Attachment";

    /// <summary>Bearer token for the purge endpoint; empty disables it. Default empty.</summary>
    public string AdminToken { get; set; } = "";
}
