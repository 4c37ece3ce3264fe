using Microsoft.Extensions.Options;

namespace MediaEdge.Origins.FileSystem;

/// <summary>Checks a FileSystem source at start (the named options' name is the source's): its folder exists.</summary>
/// <param name="contentRoot">The folder a relative <c>Root</c> resolves against.</param>
public sealed class FileSystemSourceOptionsValidator(string contentRoot) : IValidateOptions<FileSystemSourceOptions>
{
    public ValidateOptionsResult Validate(string? name, FileSystemSourceOptions options)
    {
        var root = RootOf(name ?? "", options, contentRoot);
        return Directory.Exists(root)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"MediaEdge:Sources:{name}:Root: the folder '{Path.GetFullPath(root)}' does not exist.");
    }

    /// <summary>The folder source <paramref name="name"/> serves: Root against the content root, or a folder named for the source.</summary>
    public static string RootOf(string name, FileSystemSourceOptions options, string contentRoot) => Path.Combine(contentRoot, options.Root ?? name);
}
