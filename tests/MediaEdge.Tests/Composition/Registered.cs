using MediaEdge.BuiltIns;
using MediaEdge.Composition;
using MediaEdge.Dialects;
using MediaEdge.Imaging;
using MediaEdge.Origins;
using Microsoft.Extensions.DependencyInjection;

namespace MediaEdge.Tests.Composition;

/// <summary>The shipped extensions as <see cref="BuiltInExtensions.AddMediaEdgeBuiltIns"/> registers them, read before a provider is built, for unit tests.</summary>
internal static class Registered
{
    public static NamedExtensions<IEngineKind> Engines { get; } = NamedExtensions<IEngineKind>.In(Services());

    public static NamedExtensions<IOriginKind> Origins { get; } = NamedExtensions<IOriginKind>.In(Services());

    public static NamedExtensions<IUrlDialect> Dialects { get; } = NamedExtensions<IUrlDialect>.In(Services());

    /// <summary>A service collection holding every shipped extension.</summary>
    public static IServiceCollection Services() => new ServiceCollection().AddMediaEdgeBuiltIns();
}
