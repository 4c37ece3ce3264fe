using MediaEdge.Composition;
using Microsoft.Extensions.DependencyInjection;

namespace MediaEdge.Origins.FileSystem;

/// <summary>Registers the local folder origin (<c>Sources:*:Kind</c> "FileSystem").</summary>
public static class FileSystemOriginRegistration
{
    /// <summary>Adds <see cref="FileSystemOriginKind"/> to the <see cref="IOriginKind"/> extensions, found by its name.</summary>
    public static IServiceCollection AddFileSystemOrigin(this IServiceCollection services) => services.AddExtension<IOriginKind>(new FileSystemOriginKind());
}
