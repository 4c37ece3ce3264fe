using System.Text.RegularExpressions;
using MediaEdge.IntegrationTests.Hosting;
using Microsoft.Extensions.Options;

namespace MediaEdge.IntegrationTests.Operations;

/// <summary>A bad value for one of the operations keys stops the host from being built, with a message naming the key and the value.</summary>
public sealed class OperationsConfigurationTests
{
    [Theory]
    [InlineData("MediaEdge:Telemetry:OtlpEndpoint", "not-a-url")]
    [InlineData("MediaEdge:Telemetry:OtlpEndpoint", "collector:4317")]
    [InlineData("MediaEdge:Telemetry:OtlpEndpoint", "ftp://collector:4317")]
    [InlineData("MediaEdge:Shutdown:DrainSeconds", "0")]
    [InlineData("MediaEdge:Shutdown:DrainSeconds", "-5")]
    [InlineData("MediaEdge:Shutdown:DrainSeconds", "3601")]
    [InlineData("MediaEdge:Imaging:Engine", "gpu")]
    public void BadValue_FailsTheStart_NamingTheKeyAndTheValue(string key, string value)
    {
        var e = Assert.ThrowsAny<OptionsValidationException>(() => Build($"--{key}={value}"));

        Assert.Contains(key, e.Message, StringComparison.Ordinal);
        Assert.Matches($"got '?{Regex.Escape(value)}'?\\)", e.Message);
    }

    [Theory]
    [InlineData("MediaEdge:Telemetry:OtlpEndpoint", "http://collector:4317")]
    [InlineData("MediaEdge:Telemetry:OtlpEndpoint", "https://otel.example.com:4318")]
    [InlineData("MediaEdge:Shutdown:DrainSeconds", "1")]
    [InlineData("MediaEdge:Shutdown:DrainSeconds", "3600")]
    [InlineData("MediaEdge:Imaging:Engine", "vips")]
    public async Task GoodValue_Builds(string key, string value)
    {
        await using var sut = Build($"--{key}={value}");

        Assert.NotNull(sut);
    }

    private static Microsoft.AspNetCore.Builder.WebApplication Build(params string[] extra) =>
        UnstartedHost.Build(["--MediaEdge:Cache:Redis:Configuration=", "--Logging:LogLevel:Default=Warning", .. extra]);
}
