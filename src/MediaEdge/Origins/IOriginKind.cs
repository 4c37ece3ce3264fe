using MediaEdge.Composition;

namespace MediaEdge.Origins;

/// <summary>
/// A kind of origin, chosen by <c>MediaEdge:Sources:{name}:Kind</c>: it checks a source's settings at start and makes the
/// source's origin. Each kind lives in its own folder under <c>Origins/</c> and is found by <see cref="NamedExtensions{T}"/>.
/// </summary>
public interface IOriginKind : INamedExtension
{
    /// <summary>Adds to <paramref name="errors"/> what is wrong with source <paramref name="name"/>'s settings, each message naming its key under <paramref name="key"/> (<c>MediaEdge:Sources:{name}</c>).</summary>
    void Validate(string key, string name, SourceOptions source, string contentRoot, ICollection<string> errors);

    /// <summary>The origin of source <paramref name="name"/>, from settings <see cref="Validate"/> found valid.</summary>
    IOrigin Create(string name, SourceOptions source, string contentRoot);
}
