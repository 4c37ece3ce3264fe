using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace MediaEdge.IntegrationTests.Origins;

/// <summary>An Azurite container as an AzureBlob source, written with Azure.Storage.Blobs as a real uploader would.</summary>
public sealed class AzureBlobBackend : OriginBackend
{
    private const string Container = "photos";
    private AzuriteProcess? _azurite;
    private BlobContainerClient? _container;

    private AzuriteProcess Azurite => _azurite ?? throw new InvalidOperationException("Azurite has not started.");

    public override async Task InitializeAsync()
    {
        _azurite = await AzuriteProcess.StartAsync();
        try
        {
            _container = new BlobContainerClient(_azurite.ConnectionString, Container);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _container.CreateIfNotExistsAsync(cancellationToken: timeout.Token);
        }
        catch
        {
            await _azurite.DisposeAsync();
            _azurite = null;
            throw;
        }
    }

    public override async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    public override IReadOnlyDictionary<string, string?> SourceSettings(string name) => new Dictionary<string, string?>
    {
        [$"MediaEdge:Sources:{name}:Kind"] = "AzureBlob",
        [$"MediaEdge:Sources:{name}:ConnectionString"] = Azurite.ConnectionString,
        [$"MediaEdge:Sources:{name}:Container"] = Container,
        [$"MediaEdge:Sources:{name}:TimeoutSeconds"] = "10",
    };

    public override async Task PutAsync(string key, byte[] bytes, string contentType)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _container!.GetBlobClient(key).UploadAsync(
            new BinaryData(bytes),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } },
            timeout.Token);
    }
}
