using Azure;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using MediaEdge.Requests;

namespace MediaEdge.Origins.AzureBlob;

/// <summary>
/// An Azure Blob Storage container as origin: a connection string, or an account URL with DefaultAzureCredential.
/// The blob's ETag is the validator; revalidation is a conditional HEAD (If-None-Match); range reads serve the video path.
/// </summary>
public sealed class AzureBlobOrigin : IOrigin, IListableOrigin
{
    private readonly string _name;
    private readonly int _timeoutSeconds;
    private readonly BlobContainerClient _container;

    public AzureBlobOrigin(string name, AzureBlobSourceOptions options)
    {
        _name = name;
        _timeoutSeconds = options.TimeoutSeconds;
        var clientOptions = new BlobClientOptions();
        clientOptions.Retry.MaxRetries = 2;
        clientOptions.Retry.NetworkTimeout = TimeSpan.FromSeconds(options.TimeoutSeconds);
        _container = !string.IsNullOrWhiteSpace(options.ConnectionString)
            ? new BlobContainerClient(options.ConnectionString, options.Container, clientOptions)
            : new BlobServiceClient(new Uri(options.AccountUrl!), new DefaultAzureCredential(), clientOptions).GetBlobContainerClient(options.Container);
    }

    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _container.ExistsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RequestFailedException or AuthenticationFailedException or OperationCanceledException)
        {
            return false;
        }
    }

    public Task<OriginObjectInfo> StatAsync(string key, CancellationToken cancellationToken) =>
        CallAsync(key, async ct => Describe((await Blob(key).GetPropertiesAsync(cancellationToken: ct).ConfigureAwait(false)).Value), cancellationToken);

    public Task<OriginObjectInfo?> RevalidateAsync(string key, OriginObjectInfo known, CancellationToken cancellationToken) =>
        CallAsync(key, async ct =>
        {
            try
            {
                var conditions = new BlobRequestConditions { IfNoneMatch = new ETag(known.Validator) };
                return (OriginObjectInfo?)Describe((await Blob(key).GetPropertiesAsync(conditions, ct).ConfigureAwait(false)).Value);
            }
            catch (RequestFailedException e) when (e.Status == 304)
            {
                return null;
            }
        }, cancellationToken);

    public Task<OriginObject> ReadAsync(string key, long maxBytes, CancellationToken cancellationToken) =>
        CallAsync(key, async ct =>
        {
            var download = (await Blob(key).DownloadStreamingAsync(cancellationToken: ct).ConfigureAwait(false)).Value;
            await using var content = download.Content;
            var info = Describe(download.Details, download.Details.ContentLength);
            if (info.Length > maxBytes)
            {
                throw Problems.SourceTooLarge("MaxSourceBytes", maxBytes, info.Length, "bytes");
            }

            var buffer = new byte[info.Length];
            await content.ReadExactlyAsync(buffer, ct).ConfigureAwait(false);
            return new OriginObject(info, buffer);
        }, cancellationToken);

    public Task<ReadOnlyMemory<byte>> ReadRangeAsync(string key, long offset, int length, CancellationToken cancellationToken) =>
        CallAsync(key, async ct =>
        {
            try
            {
                var download = (await Blob(key).DownloadStreamingAsync(new BlobDownloadOptions { Range = new HttpRange(offset, length) }, ct).ConfigureAwait(false)).Value;
                await using var content = download.Content;
                var buffer = new byte[download.Details.ContentLength];
                await content.ReadExactlyAsync(buffer, ct).ConfigureAwait(false);
                return (ReadOnlyMemory<byte>)buffer;
            }
            catch (RequestFailedException e) when (e.Status == 416)
            {
                return ReadOnlyMemory<byte>.Empty;
            }
        }, cancellationToken);

    public Task<OriginStream> OpenAsync(string key, OriginRequest? request, CancellationToken cancellationToken) =>
        CallAsync(key, async ct =>
        {
            var options = new BlobDownloadOptions();
            if (request?.Known is { } known)
            {
                options.Conditions = new BlobRequestConditions { IfNoneMatch = new ETag(known.Validator) };
            }

            try
            {
                var download = (await Blob(key).DownloadStreamingAsync(options, ct).ConfigureAwait(false)).Value;
                return new OriginStream(Describe(download.Details, download.Details.ContentLength), download.Content);
            }
            catch (RequestFailedException e) when (e.Status == 304)
            {
                return new OriginStream(request!.Known!, Stream.Null, notModified: true);
            }
        }, cancellationToken);

    public Task<IReadOnlyList<OriginListing>> ListAsync(string prefix, int limit, CancellationToken cancellationToken) =>
        CallAsync(prefix, async ct =>
        {
            var found = new List<OriginListing>();
            var blobs = _container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix.Length == 0 ? null : prefix }, ct);
            await foreach (var page in blobs.AsPages(pageSizeHint: limit).ConfigureAwait(false))
            {
                foreach (var blob in page.Values)
                {
                    found.Add(new OriginListing(blob.Name, blob.Properties.ContentLength ?? -1, blob.Properties.LastModified));
                    if (found.Count == limit)
                    {
                        return (IReadOnlyList<OriginListing>)found;
                    }
                }
            }

            return found;
        }, cancellationToken);

    private static OriginObjectInfo Describe(BlobProperties p) =>
        new(p.ETag.ToString("H"), p.ContentLength, p.LastModified, p.ContentType)
        {
            CacheHeaders = new OriginCacheHeaders(p.CacheControl, null, null, null, null),
        };

    private static OriginObjectInfo Describe(BlobDownloadDetails d, long length) =>
        new(d.ETag.ToString("H"), length, d.LastModified, d.ContentType)
        {
            CacheHeaders = new OriginCacheHeaders(d.CacheControl, null, null, null, null),
        };

    private BlobClient Blob(string key) => _container.GetBlobClient(ObjectKey.Validate(key));

    private async Task<T> CallAsync<T>(string key, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(_timeoutSeconds));
        try
        {
            return await call(deadline.Token).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw Problems.NotFound(_name, key);
        }
        catch (RequestFailedException e)
        {
            throw Problems.OriginFailed(_name, $"Azure Blob Storage answered {e.Status} ({e.ErrorCode}) for '{key}' in source '{_name}'.", e);
        }
        catch (AuthenticationFailedException e)
        {
            throw Problems.OriginFailed(_name, $"Source '{_name}' could not authenticate to Azure Blob Storage: {e.Message}", e);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Problems.OriginTimeout(_name, _timeoutSeconds);
        }
    }
}
