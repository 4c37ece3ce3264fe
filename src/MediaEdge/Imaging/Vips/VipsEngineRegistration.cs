using MediaEdge.Composition;
using Microsoft.Extensions.DependencyInjection;

namespace MediaEdge.Imaging.Vips;

/// <summary>Registers the libvips engine (<c>Imaging:Engine</c> "vips", the default).</summary>
public static class VipsEngineRegistration
{
    /// <summary>Adds <see cref="VipsEngineKind"/> to the <see cref="IEngineKind"/> extensions, found by its name.</summary>
    public static IServiceCollection AddVipsEngine(this IServiceCollection services) => services.AddExtension<IEngineKind>(new VipsEngineKind());
}
