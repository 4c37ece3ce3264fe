using MediaEdge.Composition;
using MediaEdge.Origins;
using MediaEdge.Origins.S3;
using Microsoft.Extensions.Configuration;

namespace MediaEdge.Tests.Origins.S3;

public sealed class S3SourceOptionsValidatorTests
{
    [Theory]
    [InlineData("Bucket", "", "MediaEdge:Sources:photos:Bucket")]
    [InlineData("Bucket", "a/b", "MediaEdge:Sources:photos:Bucket")]
    [InlineData("ServiceUrl", "minio:9000", "MediaEdge:Sources:photos:ServiceUrl")]
    [InlineData("ServiceUrl", "ftp://127.0.0.1:9000", "MediaEdge:Sources:photos:ServiceUrl")]
    [InlineData("ServiceUrl", "/relative", "MediaEdge:Sources:photos:ServiceUrl")]
    [InlineData("Region", "eu west 1", "MediaEdge:Sources:photos:Region")]
    [InlineData("AccessKeyId", "", "MediaEdge:Sources:photos:AccessKeyId")]
    [InlineData("SecretAccessKey", "", "MediaEdge:Sources:photos:SecretAccessKey")]
    [InlineData("TimeoutSeconds", "0", "MediaEdge:Sources:photos:TimeoutSeconds")]
    public void Validate_ABadValue_GivesOneErrorNamingTheFullKey(string option, string value, string expectedKey)
    {
        var errors = Validate(new Dictionary<string, string?>(Good) { [$"MediaEdge:Sources:photos:{option}"] = value });

        Assert.Contains(expectedKey, Assert.Single(errors), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("AKIDEXAMPLE", "secret")]
    public void BothKeysOrNeither_AreValid_AndMakeAnS3Origin(string accessKeyId, string secret)
    {
        var settings = new Dictionary<string, string?>(Good)
        {
            ["MediaEdge:Sources:photos:AccessKeyId"] = accessKeyId,
            ["MediaEdge:Sources:photos:SecretAccessKey"] = secret,
            ["MediaEdge:Sources:photos:ServiceUrl"] = "",
        };

        Assert.Empty(Validate(settings));
        using var origin = Assert.IsType<S3Origin>(Kind.Create("photos", Source(settings), ""));
    }

    [Fact]
    public void TheKind_IsFoundByTheNameS3()
    {
        Assert.IsType<S3OriginKind>(NamedExtensions<IOriginKind>.Find("S3"));
    }

    private static IOriginKind Kind => NamedExtensions<IOriginKind>.Find("S3")!;

    private static Dictionary<string, string?> Good => new()
    {
        ["MediaEdge:Sources:photos:Kind"] = "S3",
        ["MediaEdge:Sources:photos:ServiceUrl"] = "http://127.0.0.1:9000",
        ["MediaEdge:Sources:photos:Region"] = "eu-west-1",
        ["MediaEdge:Sources:photos:Bucket"] = "photos",
        ["MediaEdge:Sources:photos:ForcePathStyle"] = "true",
        ["MediaEdge:Sources:photos:AccessKeyId"] = "minio",
        ["MediaEdge:Sources:photos:SecretAccessKey"] = "minio123",
    };

    private static List<string> Validate(IReadOnlyDictionary<string, string?> settings)
    {
        var errors = new List<string>();
        Kind.Validate("MediaEdge:Sources:photos", "photos", Source(settings), "", errors);
        return errors;
    }

    /// <summary>The source as the host binds it: the common settings, and its section for the kind's own.</summary>
    private static SourceOptions Source(IReadOnlyDictionary<string, string?> settings)
    {
        var section = new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection("MediaEdge:Sources:photos");
        var source = new SourceOptions();
        section.Bind(source);
        return source.From(section);
    }
}
