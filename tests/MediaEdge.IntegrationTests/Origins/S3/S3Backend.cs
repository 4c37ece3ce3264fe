using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using MediaEdge.Origins.S3;

namespace MediaEdge.IntegrationTests.Origins.S3;

/// <summary>An s3rver bucket as an S3 source (path-style, configured keys), written with the AWS SDK as a real uploader would.</summary>
public sealed class S3Backend : OriginBackend
{
    public const string Bucket = "photos";
    private S3rverProcess? _s3rver;
    private AmazonS3Client? _client;

    private S3rverProcess S3rver => _s3rver ?? throw new InvalidOperationException("s3rver has not started or was stopped.");

    /// <summary>The options a source reading this bucket has.</summary>
    public S3SourceOptions Options => new()
    {
        ServiceUrl = S3rver.ServiceUrl,
        Region = "us-east-1",
        Bucket = Bucket,
        ForcePathStyle = true,
        AccessKeyId = S3rverProcess.AccessKey,
        SecretAccessKey = S3rverProcess.AccessKey,
        TimeoutSeconds = 10,
    };

    /// <summary>The uploader's client, to read what the store itself says about an object.</summary>
    public IAmazonS3 Client => _client ?? throw new InvalidOperationException("s3rver has not started.");

    public override async Task InitializeAsync()
    {
        _s3rver = await S3rverProcess.StartAsync(Bucket);
        var options = Options;
        _client = new AmazonS3Client(
            new BasicAWSCredentials(options.AccessKeyId, options.SecretAccessKey),
            new AmazonS3Config { ServiceURL = options.ServiceUrl, AuthenticationRegion = options.Region, ForcePathStyle = true });
    }

    public override async Task DisposeAsync()
    {
        _client?.Dispose();
        await StopAsync();
    }

    /// <summary>Takes the store down mid-test (an origin outage: connections refused).</summary>
    public async Task StopAsync()
    {
        if (_s3rver is not null)
        {
            await _s3rver.DisposeAsync();
            _s3rver = null;
        }
    }

    public override IReadOnlyDictionary<string, string?> SourceSettings(string name)
    {
        var options = Options;
        return new Dictionary<string, string?>
        {
            [$"MediaEdge:Sources:{name}:Kind"] = "S3",
            [$"MediaEdge:Sources:{name}:ServiceUrl"] = options.ServiceUrl,
            [$"MediaEdge:Sources:{name}:Region"] = options.Region,
            [$"MediaEdge:Sources:{name}:Bucket"] = options.Bucket,
            [$"MediaEdge:Sources:{name}:ForcePathStyle"] = "true",
            [$"MediaEdge:Sources:{name}:AccessKeyId"] = options.AccessKeyId,
            [$"MediaEdge:Sources:{name}:SecretAccessKey"] = options.SecretAccessKey,
            [$"MediaEdge:Sources:{name}:TimeoutSeconds"] = "10",
        };
    }

    public override async Task PutAsync(string key, byte[] bytes, string contentType)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var body = new MemoryStream(bytes, writable: false);
        // s3rver does not read aws-chunked bodies; a plain signed body is what it stores byte for byte.
        await Client.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = key, InputStream = body, ContentType = contentType, UseChunkEncoding = false }, timeout.Token);
    }
}
