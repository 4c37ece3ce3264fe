using MediaEdge.Composition;
using Microsoft.Extensions.DependencyInjection;

namespace MediaEdge.Dialects.Imgproxy;

/// <summary>Registers imgproxy's processing URLs (<c>/imgproxy/</c>, dialect "imgproxy").</summary>
public static class ImgproxyDialectRegistration
{
    /// <summary>Adds <see cref="ImgproxyDialect"/> to the <see cref="IUrlDialect"/> extensions, found by its name.</summary>
    public static IServiceCollection AddImgproxyDialect(this IServiceCollection services) => services.AddExtension<IUrlDialect>(new ImgproxyDialect());
}
