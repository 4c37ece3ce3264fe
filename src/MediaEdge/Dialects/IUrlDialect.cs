using MediaEdge.Composition;

namespace MediaEdge.Dialects;

/// <summary>
/// Another image service's URL syntax, turned into MediaEdge's request (source, key, imgix parameters), so a site can
/// switch without rewriting its markup; every dialect shares the one cache (the same variant asked two ways is transformed
/// once). Each lives in its own folder under <c>Dialects/</c>, is registered by its <c>Add…()</c>, found by name in <see cref="NamedExtensions{T}"/> and served
/// where <c>MediaEdge:Dialects:Enabled</c> names it.
/// </summary>
public interface IUrlDialect : INamedExtension
{
    /// <summary>The route it answers, as an ASP.NET Core route pattern (<c>/_next/image</c>).</summary>
    string Route { get; }

    /// <summary>
    /// The request in MediaEdge's terms, from the route's values and the query's decoded pairs; a 400 problem
    /// (<c>bad-parameter</c>, naming the option) for what it cannot honour.
    /// </summary>
    DialectRequest Translate(IReadOnlyDictionary<string, string?> routeValues, IReadOnlyList<KeyValuePair<string, string>> query, SourceUrls sources);

    /// <summary>
    /// As <see cref="Translate(IReadOnlyDictionary{string, string?}, IReadOnlyList{KeyValuePair{string, string}}, SourceUrls)"/>,
    /// with the request's path as sent, before percent-decoding, for a dialect that signs it (imgproxy).
    /// </summary>
    DialectRequest Translate(string rawPath, IReadOnlyDictionary<string, string?> routeValues, IReadOnlyList<KeyValuePair<string, string>> query, SourceUrls sources) =>
        Translate(routeValues, query, sources);

    /// <summary>Adds to <paramref name="errors"/> what is wrong with the dialect's own settings (<see cref="DialectOptions.Bind{T}"/>), each message naming its key.</summary>
    void Validate(DialectOptions options, ICollection<string> errors)
    {
    }

    /// <summary>
    /// This dialect's URL for the same output as <paramref name="request"/>'s imgix parameters (answered with identical
    /// bytes), or a refusal saying what the dialect cannot express. Default: none written.
    /// </summary>
    DialectLink Link(LinkRequest request) => DialectLink.Refused(Name, "this dialect writes no links.");

    /// <summary>The dialect as served, with its own settings from <paramref name="options"/> that <see cref="Validate"/> found valid.</summary>
    IUrlDialect Configure(DialectOptions options) => this;
}
