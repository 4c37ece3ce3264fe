using MediaEdge.IntegrationTests.TestMedia;
using MediaEdge.Server;

namespace MediaEdge.IntegrationTests.Video;

/// <summary>A bad video option stops the host from being built, with a message that names its configuration key.</summary>
public sealed class VideoConfigurationTests
{
    [Theory]
    [InlineData("MediaEdge:Video:MaxQueueWaitSeconds", "0")]
    [InlineData("MediaEdge:Video:MaxQueueWaitSeconds", "-5")]
    [InlineData("MediaEdge:Video:MaxQueueWaitSeconds", "3601")]
    [InlineData("MediaEdge:Video:MaxProcesses", "0")]
    [InlineData("MediaEdge:Video:TimeoutSeconds", "0")]
    [InlineData("MediaEdge:Video:MaxStoryboardTiles", "0")]
    [InlineData("MediaEdge:Video:BlockBytes", "100")]
    [InlineData("MediaEdge:Video:MaxClipSourceBytes", "0")]
    [InlineData("MediaEdge:Video:MaxClipSeconds", "0")]
    [InlineData("MediaEdge:Video:MaxClipPixels", "-1")]
    [InlineData("MediaEdge:Video:ClipTimeoutSeconds", "0")]
    [InlineData("MediaEdge:Video:MaxClipProcesses", "0")]
    public void BadValue_FailsTheBuild_NamingTheKey(string key, string value)
    {
        var e = Record.Exception(() => MediaEdgeHost.Build(
        [
            "--urls=http://127.0.0.1:0",
            $"--contentRoot={AppContext.BaseDirectory}",
            $"--MediaEdge:Sources:local:Root={MediaFolder.Shared.Root}",
            $"--{key}={value}",
        ]));

        Assert.NotNull(e);
        Assert.Contains(key, e.Message, StringComparison.Ordinal);
    }
}
