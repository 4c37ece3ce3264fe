using MediaEdge.Composition;
using Microsoft.Extensions.DependencyInjection;

namespace MediaEdge.Origins.Http;

/// <summary>Registers the HTTP origin (<c>Sources:*:Kind</c> "Http").</summary>
public static class HttpOriginRegistration
{
    /// <summary>Adds <see cref="HttpOriginKind"/> to the <see cref="IOriginKind"/> extensions, found by its name.</summary>
    public static IServiceCollection AddHttpOrigin(this IServiceCollection services) => services.AddExtension<IOriginKind>(new HttpOriginKind());
}
