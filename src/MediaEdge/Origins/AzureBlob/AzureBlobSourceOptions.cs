namespace MediaEdge.Origins.AzureBlob;

/// <summary>MediaEdge:Sources:{name} with <c>Kind: "AzureBlob"</c> — a blob container; keys are blob names.</summary>
public sealed class AzureBlobSourceOptions
{
    /// <summary>A storage connection string; or leave it empty and set AccountUrl. Default empty.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The container blobs are read from; required.</summary>
    public string? Container { get; set; }

    /// <summary>The account URL (<c>https://account.blob.core.windows.net</c>), used with DefaultAzureCredential when no ConnectionString is given. Default empty.</summary>
    public string? AccountUrl { get; set; }

    /// <summary>Time for one origin request, body included, in seconds (504 beyond). Default 20.</summary>
    public int TimeoutSeconds { get; set; } = 20;
}
