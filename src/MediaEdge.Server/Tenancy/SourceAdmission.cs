using MediaEdge.Security;
using MediaEdge.Tenancy;

namespace MediaEdge.Server.Tenancy;

/// <summary>
/// The door of every route that serves a source (<c>/img/</c>, the dialects, <c>/video/</c>, <c>/o/</c>): names the
/// request's source for metering, checks its signature (the source's own keys or the node's), then its RequestsPerSecond
/// (429), so an unsigned flood spends none of a source's rate.
/// </summary>
public sealed class SourceAdmission(UrlSignature signature, SourceRateLimits rates)
{
    /// <summary>Admits a request for <paramref name="source"/> whose raw path and query are <paramref name="target"/>; throws the 403 or 429 problem otherwise.</summary>
    public void Admit(HttpContext context, string target, string source)
    {
        if (context.Features.Get<SourceFeature>() is { } feature)
        {
            feature.Source = source;
        }

        signature.Verify(target, source);
        rates.AdmitRequest(source);
    }
}
