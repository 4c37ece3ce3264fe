using MediaEdge.Composition;
using Microsoft.Extensions.DependencyInjection;

namespace MediaEdge.Imaging.ImageSharp;

/// <summary>Registers the ImageSharp 2.1.13 engine (<c>Imaging:Engine</c> "imagesharp"; the fallback where vips is the engine).</summary>
public static class ImageSharpEngineRegistration
{
    /// <summary>Adds <see cref="ImageSharpEngineKind"/> to the <see cref="IEngineKind"/> extensions, found by its name.</summary>
    public static IServiceCollection AddImageSharpEngine(this IServiceCollection services) => services.AddExtension<IEngineKind>(new ImageSharpEngineKind());
}
