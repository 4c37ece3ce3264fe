namespace MediaEdge.Server.Admin;

/// <summary>MediaEdge:Admin — who may use the admin pages and API (<c>/admin/</c>).</summary>
public sealed class AdminOptions
{
    /// <summary>Bearer keys for <c>/admin/api/*</c>; any may match, so keys can be rotated. Default none: the whole <c>/admin/</c> tree answers 404.</summary>
    public string[] Keys { get; set; } = [];

    /// <summary>Whether any key is configured, and so whether <c>/admin/</c> is served.</summary>
    public bool Enabled => Keys.Length > 0;
}
