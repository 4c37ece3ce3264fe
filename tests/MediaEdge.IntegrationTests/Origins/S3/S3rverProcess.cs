using System.Text.RegularExpressions;

namespace MediaEdge.IntegrationTests.Origins.S3;

/// <summary>An s3rver (npm) of its own: 127.0.0.1, a port the kernel picks, objects in its workspace, one bucket made at start; killed on dispose.</summary>
public sealed partial class S3rverProcess : IAsyncDisposable
{
    /// <summary>s3rver's default access key id and secret; it accepts SigV4 signatures made with them.</summary>
    public const string AccessKey = "S3RVER";

    private readonly ReportedPortProcess _process;

    private S3rverProcess(ReportedPortProcess process)
    {
        _process = process;
    }

    /// <summary>http://127.0.0.1:{port}</summary>
    public string ServiceUrl => $"http://127.0.0.1:{_process.Port}";

    public static async Task<S3rverProcess> StartAsync(string bucket) =>
        new(await ReportedPortProcess.StartAsync(
            "s3rver",
            workspace => ["--directory", workspace, "--address", "127.0.0.1", "--port", "0", "--no-vhost-buckets", "--configure-bucket", bucket],
            ListeningLine()));

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    [GeneratedRegex(@"S3rver listening on 127\.0\.0\.1:(\d+)")]
    private static partial Regex ListeningLine();
}
