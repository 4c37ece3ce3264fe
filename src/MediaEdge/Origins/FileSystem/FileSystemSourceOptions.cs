namespace MediaEdge.Origins.FileSystem;

/// <summary>MediaEdge:Sources:{name} with <c>Kind: "FileSystem"</c> — a local folder; keys are paths below it.</summary>
public sealed class FileSystemSourceOptions
{
    /// <summary>The folder served, absolute or relative to the content root. Default: the source's name.</summary>
    public string? Root { get; set; }
}
