using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using MediaEdge.IntegrationTests.Origins;

namespace MediaEdge.IntegrationTests.Video;

/// <summary>
/// An Azurite blob service of the video tests' own (started by <see cref="AzuriteProcess"/>) with one container,
/// filled through Azure.Storage.Blobs as an uploader would; stopped with its children on dispose.
/// </summary>
public sealed class AzuriteBlobStore : IAsyncLifetime
{
    public const string Container = "videos";

    private AzuriteProcess? _azurite;
    private BlobContainerClient? _container;

    public string ConnectionString => _azurite?.ConnectionString ?? throw new InvalidOperationException("Azurite has not started.");

    /// <summary>The MediaEdge:Sources:{name} keys of a source reading this container.</summary>
    public IReadOnlyDictionary<string, string?> SourceSettings(string name) => new Dictionary<string, string?>
    {
        [$"MediaEdge:Sources:{name}:Kind"] = "AzureBlob",
        [$"MediaEdge:Sources:{name}:ConnectionString"] = ConnectionString,
        [$"MediaEdge:Sources:{name}:Container"] = Container,
    };

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteProcess.StartAsync();
        _container = new BlobContainerClient(ConnectionString, Container);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _container.CreateIfNotExistsAsync(cancellationToken: timeout.Token);
    }

    public async Task PutAsync(string name, byte[] bytes, string contentType)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _container!.GetBlobClient(name).UploadAsync(new BinaryData(bytes), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } }, timeout.Token);
    }

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}
