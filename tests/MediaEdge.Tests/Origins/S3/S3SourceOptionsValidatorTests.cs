using MediaEdge.Origins;
using MediaEdge.Origins.S3;
using MediaEdge.Tests.Composition;
using Microsoft.Extensions.Configuration;

namespace MediaEdge.Tests.Origins.S3;

/// <summary>The S3 origin kind: found by its name, and what its validator refuses, each error naming the full key.</summary>
public sealed class S3SourceOptionsValidatorTests
{
    [Fact]
    public void TheKind_IsFoundByTheNameS3()
    {
        Assert.IsType<S3OriginKind>(Registered.Origins.Find("S3"));
    }

    [Theory]
    [InlineData("Bucket", "")]
    [InlineData("Bucket", "a/b")]
    [InlineData("ServiceUrl", "minio:9000")]
    [InlineData("ServiceUrl", "ftp://127.0.0.1:9000")]
    [InlineData("ServiceUrl", "/relative")]
    [InlineData("Region", "eu west 1")]
    [InlineData("AccessKeyId", "")]
    [InlineData("SecretAccessKey", "")]
    [InlineData("TimeoutSeconds", "0")]
    public void Validate_ABadValue_GivesOneErrorNamingTheFullKey(string option, string value)
    {
        var errors = Validate(new Dictionary<string, string?>(Good) { [$"{Section}:{option}"] = value });

        Assert.Contains($"MediaEdge:Sources:photos:{option}", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("AKIDEXAMPLE", "secret")]
    public void BothKeysOrNeither_AreValid_AndMakeAnS3Origin(string accessKeyId, string secret)
    {
        var settings = new Dictionary<string, string?>(Good)
        {
            [$"{Section}:AccessKeyId"] = accessKeyId,
            [$"{Section}:SecretAccessKey"] = secret,
            [$"{Section}:ServiceUrl"] = "",
        };

        Assert.Empty(Validate(settings));
        using var origin = Assert.IsType<S3Origin>(Kind.Create("photos", Source(settings), ""));
    }

    private const string Section = "MediaEdge:Sources:photos";

    private static IOriginKind Kind => Registered.Origins.Find("S3")!;

    private static Dictionary<string, string?> Good => new()
    {
        [$"{Section}:Kind"] = "S3",
        [$"{Section}:ServiceUrl"] = "http://127.0.0.1:9000",
        [$"{Section}:Region"] = "eu-west-1",
        [$"{Section}:Bucket"] = "photos",
        [$"{Section}:ForcePathStyle"] = "true",
        [$"{Section}:AccessKeyId"] = "minio",
        [$"{Section}:SecretAccessKey"] = "minio123",
    };

    private static List<string> Validate(IReadOnlyDictionary<string, string?> settings)
    {
        var errors = new List<string>();
        Kind.Validate(Section, "photos", Source(settings), "", errors);
        return errors;
    }

    /// <summary>The source as the host binds it: the common settings, and its section for the kind's own.</summary>
    private static SourceOptions Source(IReadOnlyDictionary<string, string?> settings)
    {
        var section = new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(Section);
        var source = new SourceOptions();
        section.Bind(source);
        return source.From(section);
    }
}
