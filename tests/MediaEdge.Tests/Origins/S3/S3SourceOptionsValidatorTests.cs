using MediaEdge.Origins;
using MediaEdge.Origins.S3;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

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
    public void Start_WithABadValue_FailsNamingTheFullKey(string option, string value, string expectedKey)
    {
        using var sut = Services(new Dictionary<string, string?>(Good) { [$"MediaEdge:Sources:photos:{option}"] = value });

        var e = Assert.Throws<OptionsValidationException>(() => sut.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(expectedKey, e.Message, StringComparison.Ordinal);
        Assert.Single(e.Failures);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("AKIDEXAMPLE", "secret")]
    public void Start_WithBothKeysOrNeither_Passes_AndRegistersTheSourceByName(string accessKeyId, string secret)
    {
        using var sut = Services(new Dictionary<string, string?>(Good)
        {
            ["MediaEdge:Sources:photos:AccessKeyId"] = accessKeyId,
            ["MediaEdge:Sources:photos:SecretAccessKey"] = secret,
            ["MediaEdge:Sources:photos:ServiceUrl"] = "",
        });

        sut.GetRequiredService<IStartupValidator>().Validate();

        var named = Assert.Single(sut.GetServices<NamedOrigin>());
        Assert.Equal("photos", named.Name);
        Assert.IsType<S3Origin>(named.Origin);
    }

    [Fact]
    public void Registration_LeavesOtherKindsAlone()
    {
        using var sut = Services(new Dictionary<string, string?> { ["MediaEdge:Sources:local:Kind"] = "FileSystem" });

        Assert.Empty(sut.GetServices<NamedOrigin>());
    }

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

    private static ServiceProvider Services(IReadOnlyDictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddOptions()
            .AddS3Origin(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();
}
