namespace MediaEdge.Origins.AzureBlob;

/// <summary><c>Kind: "AzureBlob"</c>: a blob container (<c>Container</c>; <c>ConnectionString</c>, or <c>AccountUrl</c> with DefaultAzureCredential).</summary>
public sealed class AzureBlobOriginKind : IOriginKind
{
    public string Name => "AzureBlob";

    public void Validate(string key, string name, SourceOptions source, string contentRoot, ICollection<string> errors)
    {
        if (string.IsNullOrWhiteSpace(source.Container))
        {
            errors.Add($"{key}:Container is required for an AzureBlob source.");
        }

        if (string.IsNullOrWhiteSpace(source.ConnectionString) && !Uri.TryCreate(source.AccountUrl, UriKind.Absolute, out _))
        {
            errors.Add($"{key}: an AzureBlob source needs a ConnectionString, or an AccountUrl (https://<account>.blob.core.windows.net) for DefaultAzureCredential.");
        }

        SourceRules.Positive(key, "TimeoutSeconds", source.TimeoutSeconds, errors);
    }

    public IOrigin Create(string name, SourceOptions source, string contentRoot) => new AzureBlobOrigin(name, source);
}
