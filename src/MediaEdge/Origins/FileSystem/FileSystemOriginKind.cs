namespace MediaEdge.Origins.FileSystem;

/// <summary><c>Kind: "FileSystem"</c>: a local folder (<c>Root</c>, absolute or relative to the content root; default the source's name).</summary>
public sealed class FileSystemOriginKind : IOriginKind
{
    public string Name => "FileSystem";

    public void Validate(string key, string name, SourceOptions source, string contentRoot, ICollection<string> errors)
    {
        var root = Root(name, source, contentRoot);
        if (!Directory.Exists(root))
        {
            errors.Add($"{key}:Root: the folder '{Path.GetFullPath(root)}' does not exist.");
        }
    }

    public IOrigin Create(string name, SourceOptions source, string contentRoot) => new FileSystemOrigin(name, Root(name, source, contentRoot));

    private static string Root(string name, SourceOptions source, string contentRoot) => Path.Combine(contentRoot, source.Root ?? name);
}
