using System.Text.RegularExpressions;
using MediaEdge.Imaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MediaEdge.IntegrationTests.Configuration;

/// <summary>A bad value stops the host from being built, with a message that names the configuration key.</summary>
public sealed class ConfigurationValidationTests
{
    [Theory]
    [InlineData("MediaEdge:Limits:MaxSourceBytes", "-1")]
    [InlineData("MediaEdge:Limits:MaxSourceBytes", "abc")]
    [InlineData("MediaEdge:Limits:MaxSourcePixels", "0")]
    [InlineData("MediaEdge:Limits:MaxConcurrentTransforms", "-2")]
    [InlineData("MediaEdge:Limits:MaxQueuedTransforms", "-1")]
    [InlineData("MediaEdge:Limits:TransformTimeoutSeconds", "soon")]
    [InlineData("MediaEdge:Cache:FreshSeconds", "0")]
    [InlineData("MediaEdge:Cache:MemoryBytes", "-5")]
    [InlineData("MediaEdge:Imaging:Engine", "magick")]
    [InlineData("MediaEdge:Imaging:AvifEffort", "10")]
    [InlineData("MediaEdge:Imaging:AvifMaxPixels", "0")]
    [InlineData("MediaEdge:Imaging:LadderBytes", "-1")]
    [InlineData("MediaEdge:Imaging:LadderSeconds", "-0.5")]
    [InlineData("MediaEdge:Imaging:ShrinkOnLoadMargin", "0.5")]
    [InlineData("MediaEdge:Sources:local:Root", "/no/such/folder")]
    [InlineData("MediaEdge:Sources:local:Kind", "Ftp")]
    [InlineData("MediaEdge:Sources:local:ImgixSecureToken", "short")]
    [InlineData("MediaEdge:Sources:local:ImgixSecureToken", "has a space")]
    [InlineData("MediaEdge:Cache:Redis:KeyPrefix", "{me}")]
    [InlineData("MediaEdge:Cache:Redis:OperationTimeoutMilliseconds", "0")]
    [InlineData("MediaEdge:Cache:Disk:MaxBytes", "0")]
    [InlineData("MediaEdge:Cache:Disk:Path", "relative/cache")]
    [InlineData("MediaEdge:Video:MaxProcesses", "0")]
    [InlineData("MediaEdge:Video:BlockBytes", "100")]
    [InlineData("MediaEdge:Video:Hls:SegmentSeconds", "0")]
    [InlineData("MediaEdge:Video:Hls:Heights:0", "721")]
    [InlineData("MediaEdge:Video:MaxQueueWaitSeconds", "0")]
    [InlineData("MediaEdge:Video:MaxQueueWaitSeconds", "-5")]
    [InlineData("MediaEdge:Video:MaxQueueWaitSeconds", "3601")]
    [InlineData("MediaEdge:Video:TimeoutSeconds", "0")]
    [InlineData("MediaEdge:Video:MaxStoryboardTiles", "0")]
    [InlineData("MediaEdge:Video:MaxClipSourceBytes", "0")]
    [InlineData("MediaEdge:Video:MaxClipSeconds", "0")]
    [InlineData("MediaEdge:Video:MaxClipPixels", "-1")]
    [InlineData("MediaEdge:Video:ClipTimeoutSeconds", "0")]
    [InlineData("MediaEdge:Video:MaxClipProcesses", "0")]
    [InlineData("MediaEdge:Security:SigningKeys:0", " ")]
    [InlineData("MediaEdge:Presets:card", "w=wide")]
    [InlineData("MediaEdge:Dialects:imgproxy:Key", "not-hex")]
    [InlineData("MediaEdge:Dialects:Enabled", "nextjs,thumbor")]
    [InlineData("MediaEdge:Dialects:DefaultSource", "nowhere")]
    public void BadValue_FailsTheBuild_NamingTheKey(string key, string value)
    {
        var e = Record.Exception(() => UnstartedHost.Build($"--{key}={value}"));

        Assert.NotNull(e);
        Assert.Contains(key, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownKindOrEngine_IsRefused_NamingEveryOneThereIs()
    {
        var kind = Record.Exception(() => UnstartedHost.Build("--MediaEdge:Sources:local:Kind=Ftp"));
        var engine = Record.Exception(() => UnstartedHost.Build("--MediaEdge:Imaging:Engine=gpu"));

        Assert.Contains("MediaEdge:Sources:local:Kind must be AzureBlob, FileSystem, Http or S3 (got 'Ftp')", kind!.Message, StringComparison.Ordinal);
        Assert.Contains("MediaEdge:Imaging:Engine must be imagesharp or vips (got 'gpu')", engine!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Engine.Names), MemberType = typeof(Engine))]
    public async Task GoodValues_Build_WithTheEngineAskedFor_AndTheOtherAsItsFallback(string engine)
    {
        await using var app = UnstartedHost.Build("--MediaEdge:Limits:MaxSourceBytes=1000", "--MediaEdge:Limits:MaxConcurrentTransforms=2", $"--MediaEdge:Imaging:Engine={engine}");

        Assert.Equal(engine, app.Services.GetRequiredService<IImageEngine>().Name);
        Assert.Equal(engine == "vips" ? "imagesharp" : "vips", app.Services.GetRequiredService<FallbackEngine>().Engine.Name);
    }

    /// <summary>The operations keys (telemetry, shutdown, engine): the message names the value too.</summary>
    [Theory]
    [InlineData("MediaEdge:Telemetry:OtlpEndpoint", "not-a-url")]
    [InlineData("MediaEdge:Telemetry:OtlpEndpoint", "collector:4317")]
    [InlineData("MediaEdge:Telemetry:OtlpEndpoint", "ftp://collector:4317")]
    [InlineData("MediaEdge:Shutdown:DrainSeconds", "0")]
    [InlineData("MediaEdge:Shutdown:DrainSeconds", "-5")]
    [InlineData("MediaEdge:Shutdown:DrainSeconds", "3601")]
    [InlineData("MediaEdge:Imaging:Engine", "gpu")]
    public void BadOperationsValue_FailsTheStart_NamingTheKeyAndTheValue(string key, string value)
    {
        var e = Assert.ThrowsAny<OptionsValidationException>(() => BuildWithoutRedis($"--{key}={value}"));

        Assert.Contains(key, e.Message, StringComparison.Ordinal);
        Assert.Matches($"got '?{Regex.Escape(value)}'?\\)", e.Message);
    }

    [Theory]
    [InlineData("MediaEdge:Telemetry:OtlpEndpoint", "http://collector:4317")]
    [InlineData("MediaEdge:Telemetry:OtlpEndpoint", "https://otel.example.com:4318")]
    [InlineData("MediaEdge:Shutdown:DrainSeconds", "1")]
    [InlineData("MediaEdge:Shutdown:DrainSeconds", "3600")]
    [InlineData("MediaEdge:Imaging:Engine", "vips")]
    public async Task GoodOperationsValue_Builds(string key, string value)
    {
        await using var sut = BuildWithoutRedis($"--{key}={value}");

        Assert.NotNull(sut);
    }

    private static Microsoft.AspNetCore.Builder.WebApplication BuildWithoutRedis(params string[] extra) =>
        UnstartedHost.Build(["--MediaEdge:Cache:Redis:Configuration=", "--Logging:LogLevel:Default=Warning", .. extra]);
}
