namespace MediaEdge.IntegrationTests.Origins;

/// <summary>A temporary folder as a FileSystem source; deleted on dispose.</summary>
public sealed class FileSystemBackend : OriginBackend
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "mediaedge-fs-origin-" + Guid.NewGuid().ToString("N")[..12]);

    public override Task InitializeAsync()
    {
        Directory.CreateDirectory(_root);
        return Task.CompletedTask;
    }

    public override Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    public override IReadOnlyDictionary<string, string?> SourceSettings(string name) => new Dictionary<string, string?>
    {
        [$"MediaEdge:Sources:{name}:Kind"] = "FileSystem",
        [$"MediaEdge:Sources:{name}:Root"] = _root,
    };

    public override async Task PutAsync(string key, byte[] bytes, string contentType)
    {
        var path = Path.Combine(_root, key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, bytes);
    }
}
