namespace MediaEdge.Origins.Http;

/// <summary><c>Kind: "Http"</c>: keys appended to <c>BaseUrl</c>, fetched only from <c>AllowedHosts</c> and public addresses.</summary>
public sealed class HttpOriginKind : IOriginKind
{
    public string Name => "Http";

    public void Validate(string key, string name, SourceOptions source, string contentRoot, ICollection<string> errors)
    {
        if (!Uri.TryCreate(source.BaseUrl, UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https"))
        {
            errors.Add($"{key}:BaseUrl must be an absolute http(s) URL (got '{source.BaseUrl}').");
        }
        else if (source.AllowedHosts.Length > 0 && !source.AllowedHosts.Contains(baseUrl.Host, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add($"{key}:AllowedHosts must include the BaseUrl's host '{baseUrl.Host}'.");
        }

        SourceRules.Positive(key, "TimeoutSeconds", source.TimeoutSeconds, errors);
        SourceRules.Positive(key, "ConnectTimeoutSeconds", source.ConnectTimeoutSeconds, errors);
        if (source.MaxRedirects is < 0 or > 10)
        {
            errors.Add($"{key}:MaxRedirects must be from 0 to 10 (got {source.MaxRedirects}).");
        }
    }

    public IOrigin Create(string name, SourceOptions source, string contentRoot) => new HttpOrigin(name, source);
}
