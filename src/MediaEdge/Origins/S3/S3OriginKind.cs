namespace MediaEdge.Origins.S3;

/// <summary><c>Kind: "S3"</c>: a bucket of AWS S3 or an S3-compatible store (MinIO, Cloudflare R2), its settings in <see cref="S3SourceOptions"/>.</summary>
public sealed class S3OriginKind : IOriginKind
{
    private static readonly S3SourceOptionsValidator Validator = new();

    public string Name => "S3";

    public void Validate(string key, string name, SourceOptions source, string contentRoot, ICollection<string> errors)
    {
        if (Validator.Validate(name, source.Bind<S3SourceOptions>()) is { Failed: true } result)
        {
            foreach (var failure in result.Failures)
            {
                errors.Add(failure);
            }
        }
    }

    public IOrigin Create(string name, SourceOptions source, string contentRoot) => new S3Origin(name, source.Bind<S3SourceOptions>());
}
