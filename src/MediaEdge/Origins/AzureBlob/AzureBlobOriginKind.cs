namespace MediaEdge.Origins.AzureBlob;

/// <summary><c>Kind: "AzureBlob"</c>: a blob container, its settings in <see cref="AzureBlobSourceOptions"/>; holds imgproxy's <c>abs://{Container}/key</c> source URLs.</summary>
public sealed class AzureBlobOriginKind : IOriginKind
{
    private static readonly AzureBlobSourceOptionsValidator Validator = new();

    public string Name => "AzureBlob";

    public void Validate(string key, string name, SourceOptions source, string contentRoot, ICollection<string> errors) =>
        IOriginKind.AddFailures(Validator.Validate(name, source.Bind<AzureBlobSourceOptions>()), errors);

    public IOrigin Create(string name, SourceOptions source, string contentRoot) => new AzureBlobOrigin(name, source.Bind<AzureBlobSourceOptions>());

    // imgproxy names a blob abs://container/key (docs.imgproxy.net/image_sources/azure_blob_storage).
    public string? KeyOf(SourceOptions source, string url) => IOriginKind.KeyUnder(url, $"abs://{source.Bind<AzureBlobSourceOptions>().Container}/");
}
