using MediaEdge.Composition;
using Microsoft.Extensions.DependencyInjection;

namespace MediaEdge.Origins.S3;

/// <summary>Registers the S3 origin, AWS or S3-compatible (<c>Sources:*:Kind</c> "S3").</summary>
public static class S3OriginRegistration
{
    /// <summary>Adds <see cref="S3OriginKind"/> to the <see cref="IOriginKind"/> extensions, found by its name.</summary>
    public static IServiceCollection AddS3Origin(this IServiceCollection services) => services.AddExtension<IOriginKind>(new S3OriginKind());
}
