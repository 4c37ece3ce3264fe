namespace MediaEdge.Origins.S3;

/// <summary><c>Kind: "S3"</c>: a bucket of AWS S3 or an S3-compatible store (MinIO, Cloudflare R2), its settings in <see cref="S3SourceOptions"/>; holds <c>s3://{Bucket}/key</c> source URLs.</summary>
public sealed class S3OriginKind : IOriginKind
{
    private static readonly S3SourceOptionsValidator Validator = new();

    public string Name => "S3";

    public void Validate(string key, string name, SourceOptions source, string contentRoot, ICollection<string> errors) =>
        IOriginKind.AddFailures(Validator.Validate(name, source.Bind<S3SourceOptions>()), errors);

    public IOrigin Create(string name, SourceOptions source, string contentRoot) => new S3Origin(name, source.Bind<S3SourceOptions>());

    // The AWS CLI's and imgproxy's name for an object: s3://bucket/key.
    public string? KeyOf(SourceOptions source, string url) => IOriginKind.KeyUnder(url, $"s3://{source.Bind<S3SourceOptions>().Bucket}/");
}
