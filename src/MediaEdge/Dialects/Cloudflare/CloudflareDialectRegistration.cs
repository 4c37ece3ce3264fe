using MediaEdge.Composition;
using Microsoft.Extensions.DependencyInjection;

namespace MediaEdge.Dialects.Cloudflare;

/// <summary>Registers Cloudflare Images' transform URLs (<c>/cdn-cgi/image/</c>, dialect "cloudflare").</summary>
public static class CloudflareDialectRegistration
{
    /// <summary>Adds <see cref="CloudflareImageDialect"/> to the <see cref="IUrlDialect"/> extensions, found by its name.</summary>
    public static IServiceCollection AddCloudflareDialect(this IServiceCollection services) => services.AddExtension<IUrlDialect>(new CloudflareImageDialect());
}
