using Microsoft.Extensions.DependencyInjection;

namespace MediaEdge.Composition;

/// <summary>
/// The extensions of one kind registered with the services (each by its folder's <c>Add…()</c>, as
/// <see cref="ExtensionRegistration.AddExtension{T}"/> does), by name: the host and the validators look names up here, and
/// nothing chooses among extensions by a switch on names. Throws <see cref="InvalidOperationException"/> where two share a name.
/// </summary>
/// <typeparam name="T">The extension point (<see cref="Origins.IOriginKind"/>, <see cref="Imaging.IEngineKind"/>, <see cref="Dialects.IUrlDialect"/>).</typeparam>
public sealed class NamedExtensions<T>
    where T : class, INamedExtension
{
    private readonly Dictionary<string, T> _byName = new(StringComparer.Ordinal);

    public NamedExtensions(IEnumerable<T> extensions)
    {
        foreach (var extension in extensions)
        {
            if (!_byName.TryAdd(extension.Name, extension))
            {
                throw new InvalidOperationException($"Two {typeof(T).Name} extensions are named '{extension.Name}': {_byName[extension.Name].GetType()} and {extension.GetType()}.");
            }
        }

        All = [.. _byName.Values.OrderBy(e => e.Name, StringComparer.Ordinal)];
        Names = All.Count switch
        {
            0 => "(none)",
            1 => All[0].Name,
            _ => string.Join(", ", All.SkipLast(1).Select(e => e.Name)) + " or " + All[^1].Name,
        };
    }

    /// <summary>Every extension of this kind, in ordinal order of name.</summary>
    public IReadOnlyList<T> All { get; }

    /// <summary>The names, for messages: "a, b or c".</summary>
    public string Names { get; }

    /// <summary>
    /// The extensions <paramref name="services"/> holds before it is built, for what must be decided before there is a
    /// provider (the configuration's checks, the engine's workers); <see cref="ExtensionRegistration.AddExtension{T}"/>
    /// registers them as instances so that they can be read here.
    /// </summary>
    public static NamedExtensions<T> In(IServiceCollection services) =>
        new(services.Where(d => d.ServiceType == typeof(T) && !d.IsKeyedService).Select(d => d.ImplementationInstance).OfType<T>());

    /// <summary>The extension named <paramref name="name"/>, or null where none is.</summary>
    public T? Find(string? name) => name is not null && _byName.TryGetValue(name, out var extension) ? extension : null;
}
