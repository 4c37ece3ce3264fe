namespace MediaEdge.Origins.Http;

/// <summary><c>Kind: "Http"</c>: keys appended to <c>BaseUrl</c>, fetched only from <c>AllowedHosts</c> and public addresses; settings in <see cref="HttpSourceOptions"/>.</summary>
public sealed class HttpOriginKind : IOriginKind
{
    private static readonly HttpSourceOptionsValidator Validator = new();

    public string Name => "Http";

    public void Validate(string key, string name, SourceOptions source, string contentRoot, ICollection<string> errors) =>
        IOriginKind.AddFailures(Validator.Validate(name, source.Bind<HttpSourceOptions>()), errors);

    public IOrigin Create(string name, SourceOptions source, string contentRoot) => new HttpOrigin(name, source.Bind<HttpSourceOptions>());

    public string? KeyOf(SourceOptions source, string url)
    {
        var baseUrl = source.Bind<HttpSourceOptions>().BaseUrl;
        if (string.IsNullOrEmpty(baseUrl))
        {
            return null;
        }

        var key = IOriginKind.KeyUnder(url, baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
        return key is null ? null : Uri.UnescapeDataString(key);
    }
}
