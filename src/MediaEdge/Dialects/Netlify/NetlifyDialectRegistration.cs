using MediaEdge.Composition;
using Microsoft.Extensions.DependencyInjection;

namespace MediaEdge.Dialects.Netlify;

/// <summary>Registers Netlify Image CDN's URLs (<c>/.netlify/images</c>, dialect "netlify").</summary>
public static class NetlifyDialectRegistration
{
    /// <summary>Adds <see cref="NetlifyImageDialect"/> to the <see cref="IUrlDialect"/> extensions, found by its name.</summary>
    public static IServiceCollection AddNetlifyDialect(this IServiceCollection services) => services.AddExtension<IUrlDialect>(new NetlifyImageDialect());
}
