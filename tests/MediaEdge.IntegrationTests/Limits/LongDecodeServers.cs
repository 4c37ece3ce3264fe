using System.Collections.Concurrent;

namespace MediaEdge.IntegrationTests.Limits;

/// <summary>
/// The nodes of <see cref="LongDecodeTests"/>: one per engine and time budget, started on first use and shared by the
/// cases (each writes its own file into <see cref="Folder"/>, source <c>long</c>), with two transform slots. At the end
/// it fails the run if any client saw a server failure.
/// </summary>
public sealed class LongDecodeServers : IAsyncLifetime
{
    private readonly ConcurrentDictionary<(string Engine, int TimeoutSeconds), Lazy<Task<MediaEdgeServer>>> _servers = new();
    private int _variants;

    public DirectoryInfo Folder { get; } = Directory.CreateTempSubdirectory("mediaedge-long-decode-");

    /// <summary>The node of <paramref name="engine"/> with Limits:TransformTimeoutSeconds <paramref name="timeoutSeconds"/>.</summary>
    public Task<MediaEdgeServer> ServerAsync(Engine engine, int timeoutSeconds) =>
        _servers.GetOrAdd((engine.Name, timeoutSeconds), _ => new Lazy<Task<MediaEdgeServer>>(() => StartAsync(engine, timeoutSeconds))).Value;

    /// <summary>A normal image no case has asked for yet: on a shared node, a new variant is the one that proves a transform runs.</summary>
    public string NewVariant() => $"/img/local/small.jpg?w={60 + Interlocked.Increment(ref _variants)}";

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        var failures = new List<string>();
        foreach (var start in _servers.Values.Where(s => s.IsValueCreated).Select(s => s.Value))
        {
            if (start.IsCompletedSuccessfully)
            {
                var server = await start;
                failures.AddRange(server.Failures.Select(f => $"{server}: {f}"));
                await server.DisposeAsync();
            }
        }

        Folder.Delete(recursive: true);
        if (failures.Count > 0)
        {
            throw new InvalidOperationException($"{nameof(LongDecodeServers)}: the servers answered {failures.Count} request(s) with a failure status: " + string.Join("; ", failures));
        }
    }

    private Task<MediaEdgeServer> StartAsync(Engine engine, int timeoutSeconds) =>
        MediaEdgeServer.StartAsync(
            new Dictionary<string, string?>
            {
                ["MediaEdge:Sources:long:Kind"] = "FileSystem",
                ["MediaEdge:Sources:long:Root"] = Folder.FullName,
                ["MediaEdge:Limits:MaxConcurrentTransforms"] = "2",
                ["MediaEdge:Limits:TransformTimeoutSeconds"] = timeoutSeconds.ToString(CultureInfo.InvariantCulture),
            },
            engine: engine);
}
