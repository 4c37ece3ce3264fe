using MediaEdge.IntegrationTests.TestMedia;
using MediaEdge.Server;

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
    [InlineData("MediaEdge:Sources:local:Root", "/no/such/folder")]
    [InlineData("MediaEdge:Sources:local:Kind", "Ftp")]
    public void BadValue_FailsTheBuild_NamingTheKey(string key, string value)
    {
        var e = Record.Exception(() => Build($"--{key}={value}"));

        Assert.NotNull(e);
        Assert.Contains(key, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GoodValues_Build()
    {
        await using var app = Build("--MediaEdge:Limits:MaxSourceBytes=1000", "--MediaEdge:Limits:MaxConcurrentTransforms=2");

        Assert.NotNull(app);
    }

    private static Microsoft.AspNetCore.Builder.WebApplication Build(params string[] extra) =>
        MediaEdgeHost.Build(
        [
            "--urls=http://127.0.0.1:0",
            $"--contentRoot={AppContext.BaseDirectory}",
            $"--MediaEdge:Sources:local:Root={MediaFolder.Shared.Root}",
            .. extra,
        ]);
}
