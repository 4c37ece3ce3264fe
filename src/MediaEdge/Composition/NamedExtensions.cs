using System.Reflection;

namespace MediaEdge.Composition;

/// <summary>
/// The extensions of one kind in this assembly, by name: every sealed class implementing <typeparamref name="T"/> with a
/// public parameterless constructor, found once. An extension lives in its own folder and is registered by existing, so
/// adding one touches nothing outside that folder, and nothing chooses among them by a switch on names.
/// </summary>
/// <typeparam name="T">The extension point (<see cref="Origins.IOriginKind"/>, <see cref="Imaging.IEngineKind"/>).</typeparam>
public static class NamedExtensions<T>
    where T : class, INamedExtension
{
    private static readonly Dictionary<string, T> ByName = Discover();

    /// <summary>Every extension of this kind, in ordinal order of name.</summary>
    public static IReadOnlyList<T> All { get; } = [.. ByName.Values.OrderBy(e => e.Name, StringComparer.Ordinal)];

    /// <summary>The names, for messages: "a, b or c".</summary>
    public static string Names { get; } = All.Count switch
    {
        0 => "(none)",
        1 => All[0].Name,
        _ => string.Join(", ", All.SkipLast(1).Select(e => e.Name)) + " or " + All[^1].Name,
    };

    /// <summary>The extension named <paramref name="name"/>, or null where none is.</summary>
    public static T? Find(string? name) => name is not null && ByName.TryGetValue(name, out var extension) ? extension : null;

    private static Dictionary<string, T> Discover()
    {
        var found = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var type in typeof(T).Assembly.GetTypes())
        {
            if (type.IsSealed && !type.IsAbstract && typeof(T).IsAssignableFrom(type) && type.GetConstructor(BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes) is not null)
            {
                var extension = (T)Activator.CreateInstance(type)!;
                if (!found.TryAdd(extension.Name, extension))
                {
                    throw new InvalidOperationException($"Two {typeof(T).Name} extensions are named '{extension.Name}': {found[extension.Name].GetType()} and {type}.");
                }
            }
        }

        return found;
    }
}
