using MediaEdge.Composition;
using Microsoft.Extensions.DependencyInjection;

namespace MediaEdge.Dialects.NextJs;

/// <summary>Registers the Next.js image optimizer's URLs (<c>/_next/image</c>, dialect "nextjs").</summary>
public static class NextJsDialectRegistration
{
    /// <summary>Adds <see cref="NextImageDialect"/> to the <see cref="IUrlDialect"/> extensions, found by its name.</summary>
    public static IServiceCollection AddNextJsDialect(this IServiceCollection services) => services.AddExtension<IUrlDialect>(new NextImageDialect());
}
