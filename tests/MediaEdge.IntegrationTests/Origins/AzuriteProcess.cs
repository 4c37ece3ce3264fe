using System.Text.RegularExpressions;

namespace MediaEdge.IntegrationTests.Origins;

/// <summary>
/// An Azurite blob service of its own: 127.0.0.1, a port the kernel picks, in memory, killed (with its children) on dispose.
/// --skipApiVersionCheck because Azure.Storage.Blobs sends a newer API version than Azurite knows.
/// </summary>
public sealed partial class AzuriteProcess : IAsyncDisposable
{
    /// <summary>The emulator's well-known development account key.</summary>
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly ReportedPortProcess _process;

    private AzuriteProcess(ReportedPortProcess process)
    {
        _process = process;
    }

    public int Port => _process.Port;

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};BlobEndpoint=http://127.0.0.1:{Port}/devstoreaccount1;";

    public static async Task<AzuriteProcess> StartAsync() =>
        new(await ReportedPortProcess.StartAsync(
            "azurite-blob",
            _ => ["--blobHost", "127.0.0.1", "--blobPort", "0", "--skipApiVersionCheck", "--inMemoryPersistence", "--silent", "--disableTelemetry"],
            ListeningLine()));

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    [GeneratedRegex(@"listens on http://127\.0\.0\.1:(\d+)")]
    private static partial Regex ListeningLine();
}
