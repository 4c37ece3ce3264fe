using System.Net;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using MediaEdge.Requests;

namespace MediaEdge.Origins.S3;

/// <summary>
/// An S3 bucket as origin (AWS, or an S3-compatible store by ServiceUrl), through the AWS SDK: SigV4 signing, the standard
/// credential chain where no keys are configured, path-style or virtual-host addressing, retries. The object's ETag is the
/// validator; revalidation is a conditional HEAD (If-None-Match, else If-Modified-Since; S3 answers 304, per the
/// HeadObject/GetObject API pages); range reads serve the video path. NoSuchKey is a 404; any other failure a 502, a timeout a 504.
/// </summary>
public sealed class S3Origin : IOrigin, IListableOrigin, IDisposable
{
    private readonly string _name;
    private readonly string _bucket;
    private readonly int _timeoutSeconds;
    private readonly AmazonS3Client _client;

    public S3Origin(string name, S3SourceOptions options)
    {
        _name = name;
        _bucket = options.Bucket!;
        _timeoutSeconds = options.TimeoutSeconds;
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle,
            MaxErrorRetry = 2,
            Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds),
        };
        if (!string.IsNullOrEmpty(options.ServiceUrl))
        {
            config.ServiceURL = options.ServiceUrl;
            config.AuthenticationRegion = string.IsNullOrWhiteSpace(options.Region) ? "us-east-1" : options.Region;
        }
        else if (!string.IsNullOrWhiteSpace(options.Region))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }

        _client = string.IsNullOrEmpty(options.AccessKeyId)
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(options.AccessKeyId, options.SecretAccessKey), config);
    }

    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await CallAsync(string.Empty, ct => _client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket, MaxKeys = 1 }, ct), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ProblemException)
        {
            return false;
        }
    }

    public Task<OriginObjectInfo> StatAsync(string key, CancellationToken cancellationToken) =>
        CallAsync(key, async ct => Describe(await _client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = _bucket, Key = ObjectKey.Validate(key) }, ct).ConfigureAwait(false)), cancellationToken);

    public Task<OriginObjectInfo?> RevalidateAsync(string key, OriginObjectInfo known, CancellationToken cancellationToken) =>
        CallAsync(key, async ct =>
        {
            var request = new GetObjectMetadataRequest { BucketName = _bucket, Key = ObjectKey.Validate(key) };
            if (known.HasEntityTag)
            {
                request.EtagToNotMatch = known.Validator;
            }
            else if (known.LastModified is { } modified)
            {
                request.ModifiedSinceDate = modified.UtcDateTime;
            }

            try
            {
                return (OriginObjectInfo?)Describe(await _client.GetObjectMetadataAsync(request, ct).ConfigureAwait(false));
            }
            catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotModified)
            {
                return null;
            }
        }, cancellationToken);

    public Task<OriginObject> ReadAsync(string key, long maxBytes, CancellationToken cancellationToken) =>
        CallAsync(key, async ct =>
        {
            using var response = await _client.GetObjectAsync(Get(key), ct).ConfigureAwait(false);
            var info = Describe(response);
            if (info.Length > maxBytes)
            {
                throw Problems.SourceTooLarge("MaxSourceBytes", maxBytes, info.Length, "bytes");
            }

            await using var body = new BoundedStream(response.ResponseStream, maxBytes);
            var buffer = new byte[info.Length];
            await body.ReadExactlyAsync(buffer, ct).ConfigureAwait(false);
            return new OriginObject(info, buffer);
        }, cancellationToken);

    public Task<ReadOnlyMemory<byte>> ReadRangeAsync(string key, long offset, int length, CancellationToken cancellationToken) =>
        CallAsync(key, async ct =>
        {
            if (length <= 0)
            {
                return ReadOnlyMemory<byte>.Empty;
            }

            var request = Get(key);
            request.ByteRange = new ByteRange(offset, offset + length - 1);
            try
            {
                using var response = await _client.GetObjectAsync(request, ct).ConfigureAwait(false);
                await using var body = new BoundedStream(response.ResponseStream, length);
                var buffer = new byte[Math.Min(length, response.Headers.ContentLength)];
                await body.ReadExactlyAsync(buffer, ct).ConfigureAwait(false);
                return (ReadOnlyMemory<byte>)buffer;
            }
            catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
            {
                return ReadOnlyMemory<byte>.Empty;
            }
        }, cancellationToken);

    public Task<OriginStream> OpenAsync(string key, OriginRequest? request, CancellationToken cancellationToken) =>
        CallAsync(key, async ct =>
        {
            var get = Get(key);
            if (request?.Known is { HasEntityTag: true } tagged)
            {
                get.EtagToNotMatch = tagged.Validator;
            }
            else if (request?.Known?.LastModified is { } modified)
            {
                get.ModifiedSinceDate = modified.UtcDateTime;
            }

            try
            {
                var response = await _client.GetObjectAsync(get, ct).ConfigureAwait(false);
                return new OriginStream(Describe(response), response.ResponseStream);
            }
            catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotModified)
            {
                return new OriginStream(request!.Known!, Stream.Null, notModified: true);
            }
        }, cancellationToken);

    public Task<IReadOnlyList<OriginListing>> ListAsync(string prefix, int limit, CancellationToken cancellationToken) =>
        CallAsync(prefix, async ct =>
        {
            // One page of S3's default size, cut here: s3rver answers 500 to a MaxKeys below the matching count (jamhall/s3rver#814).
            var request = new ListObjectsV2Request { BucketName = _bucket, Prefix = prefix.Length == 0 ? null : prefix, MaxKeys = IListableOrigin.MaxLimit };
            var response = await _client.ListObjectsV2Async(request, ct).ConfigureAwait(false);
            return (IReadOnlyList<OriginListing>)[.. (response.S3Objects ?? []).Take(limit).Select(o => new OriginListing(
                o.Key,
                o.Size ?? -1,
                o.LastModified is { } m ? new DateTimeOffset(m.ToUniversalTime(), TimeSpan.Zero) : null))];
        }, cancellationToken);

    public void Dispose() => _client.Dispose();

    private static OriginObjectInfo Describe(GetObjectResponse r) => Describe(r.ETag, r.LastModified, r.Headers);

    private static OriginObjectInfo Describe(GetObjectMetadataResponse r) => Describe(r.ETag, r.LastModified, r.Headers);

    private static OriginObjectInfo Describe(string etag, DateTime? lastModified, HeadersCollection headers) =>
        new(etag, headers.ContentLength, lastModified is { } m ? new DateTimeOffset(m.ToUniversalTime(), TimeSpan.Zero) : null, headers.ContentType)
        {
            CacheHeaders = new OriginCacheHeaders(headers.CacheControl, null, null, null, null),
        };

    private GetObjectRequest Get(string key) => new() { BucketName = _bucket, Key = ObjectKey.Validate(key) };

    private async Task<T> CallAsync<T>(string key, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(_timeoutSeconds));
        try
        {
            return await call(deadline.Token).ConfigureAwait(false);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound && e.ErrorCode != "NoSuchBucket")
        {
            throw Problems.NotFound(_name, key);
        }
        catch (AmazonServiceException e)
        {
            throw Problems.OriginFailed(_name, $"S3 answered {(int)e.StatusCode} ({e.ErrorCode}) for '{key}' in bucket '{_bucket}' of source '{_name}'.", e);
        }
        catch (Exception e) when (e is AmazonClientException or HttpRequestException or IOException)
        {
            throw Problems.OriginFailed(_name, $"Source '{_name}' could not reach S3 bucket '{_bucket}': {e.Message}", e);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Problems.OriginTimeout(_name, _timeoutSeconds);
        }
    }
}
