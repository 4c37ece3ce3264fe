namespace MediaEdge.Origins.S3;

/// <summary>MediaEdge:Sources:{name} with <c>Kind: "S3"</c> — an AWS S3 bucket or an S3-compatible store (MinIO, Cloudflare R2).</summary>
public sealed class S3SourceOptions
{
    /// <summary>The endpoint of an S3-compatible store (<c>http://127.0.0.1:9000</c>, <c>https://{account}.r2.cloudflarestorage.com</c>); empty for AWS, addressed by Region. Default empty.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>The AWS region (<c>eu-west-1</c>); with a ServiceUrl, the region requests are signed for (SigV4). Empty: the SDK's own lookup (AWS_REGION, the profile) for AWS, <c>us-east-1</c> with a ServiceUrl. Default empty.</summary>
    public string? Region { get; set; }

    /// <summary>The bucket objects are read from; required. Object keys are the URL's key as it is.</summary>
    public string? Bucket { get; set; }

    /// <summary>Address the bucket in the path (<c>{ServiceUrl}/{Bucket}/{key}</c>) rather than the host name: MinIO and most emulators need it. Default false.</summary>
    public bool ForcePathStyle { get; set; }

    /// <summary>An access key id, set together with SecretAccessKey; both empty: the AWS SDK's standard credential chain (environment, profile, web identity, ECS/EC2 roles). Default empty.</summary>
    public string? AccessKeyId { get; set; }

    /// <summary>The secret for AccessKeyId; both empty: the AWS SDK's standard credential chain. Default empty.</summary>
    public string? SecretAccessKey { get; set; }

    /// <summary>Time for one origin request, body included, in seconds (504 beyond). Default 20.</summary>
    public int TimeoutSeconds { get; set; } = 20;
}
