using MediaEdge.Composition;
using MediaEdge.Dialects;
using MediaEdge.Origins;
using MediaEdge.Requests;
using MediaEdge.Security;
using MediaEdge.Server.Endpoints;

namespace MediaEdge.Server.Admin;

/// <summary>
/// <c>GET /admin/api/links?source=&amp;key=&amp;{imgix parameters}</c>: the URL of that output in MediaEdge's own syntax
/// and in every enabled dialect that can say it (each dialect writes its own, <see cref="IUrlDialect.Link"/>), signed as
/// the source and the dialect sign; the others under <c>refused</c>, each with its reason.
/// </summary>
public static class LinksEndpoint
{
    // Not output parameters: a signature belongs to one URL, and each link is signed afresh.
    private static readonly string[] NotParameters = ["source", "key", "s", "expires"];

    /// <summary>Answers the links; a 404 problem for an unknown source, a 400 for a missing or bad key.</summary>
    public static IResult Links(HttpRequest request, MediaEdgeOptions options, OriginRegistry origins, NamedExtensions<IUrlDialect> dialects, NamedExtensions<IOriginKind> kinds, UrlSignature signature)
    {
        var source = request.Query["source"].ToString();
        if (source.Length == 0)
        {
            throw Problems.BadParameter("source", "source is required: the name of a configured source.");
        }

        origins.Get(source);
        var key = ObjectKey.Validate(request.Query["key"].ToString());
        var parameters = request.QueryPairs().Where(p => !NotParameters.Contains(p.Key)).ToList();
        var sources = new SourceUrls(options.Sources, options.Dialects.DefaultSource ?? "local", kinds);
        var link = new LinkRequest(source, key, parameters, sources, url => signature.SignLike(url, source));

        var query = parameters.Count == 0 ? "" : "?" + string.Join('&', parameters.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
        var written = new List<DialectLink> { DialectLink.To("imgix", link.Sign($"/img/{Uri.EscapeDataString(source)}/{link.EscapedKey}{query}")) };
        written.AddRange(DialectEndpoints.Enabled(options.Dialects, dialects).Select(d => d.Configure(options.Dialects).Link(link)));
        return Results.Json(new
        {
            links = written.Where(l => l.Url is not null).Select(l => new { dialect = l.Dialect, url = l.Url }),
            refused = written.Where(l => l.Url is null).Select(l => new { dialect = l.Dialect, reason = l.Refusal }),
        });
    }
}
