using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MediaEdge.Composition;

/// <summary>How each extension folder's <c>Add…()</c> registers its extension (ImageSharp.Web's <c>AddProvider&lt;T&gt;()</c> style).</summary>
public static class ExtensionRegistration
{
    /// <summary>
    /// Registers <paramref name="extension"/> as one of the <typeparamref name="T"/> extensions, found by its name through
    /// <see cref="NamedExtensions{T}"/>; an instance, so the host can read it before the provider is built.
    /// </summary>
    public static IServiceCollection AddExtension<T>(this IServiceCollection services, T extension)
        where T : class, INamedExtension
    {
        services.AddSingleton(extension);
        services.TryAddSingleton<NamedExtensions<T>>();
        return services;
    }
}
