using MediaEdge.Composition;
using Microsoft.Extensions.DependencyInjection;

namespace MediaEdge.Origins.AzureBlob;

/// <summary>Registers the Azure Blob Storage origin (<c>Sources:*:Kind</c> "AzureBlob").</summary>
public static class AzureBlobOriginRegistration
{
    /// <summary>Adds <see cref="AzureBlobOriginKind"/> to the <see cref="IOriginKind"/> extensions, found by its name.</summary>
    public static IServiceCollection AddAzureBlobOrigin(this IServiceCollection services) => services.AddExtension<IOriginKind>(new AzureBlobOriginKind());
}
