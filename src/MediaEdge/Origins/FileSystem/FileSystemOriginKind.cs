namespace MediaEdge.Origins.FileSystem;

/// <summary><c>Kind: "FileSystem"</c>: a local folder, its settings in <see cref="FileSystemSourceOptions"/>.</summary>
public sealed class FileSystemOriginKind : IOriginKind
{
    public string Name => "FileSystem";

    public void Validate(string key, string name, SourceOptions source, string contentRoot, ICollection<string> errors) =>
        IOriginKind.AddFailures(new FileSystemSourceOptionsValidator(contentRoot).Validate(name, source.Bind<FileSystemSourceOptions>()), errors);

    public IOrigin Create(string name, SourceOptions source, string contentRoot) =>
        new FileSystemOrigin(name, FileSystemSourceOptionsValidator.RootOf(name, source.Bind<FileSystemSourceOptions>(), contentRoot));
}
