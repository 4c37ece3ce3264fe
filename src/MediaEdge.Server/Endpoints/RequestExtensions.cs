using MediaEdge.Requests;
using Microsoft.AspNetCore.Http.Features;

namespace MediaEdge.Server.Endpoints;

/// <summary>What every route reads off a request the same way.</summary>
internal static class RequestExtensions
{
    /// <summary>The request target exactly as sent (still percent-encoded): what URL signatures cover.</summary>
    public static string RawTarget(this HttpContext context) =>
        context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (context.Request.Path + context.Request.QueryString).ToString();

    /// <summary>
    /// The query as decoded name/value pairs, in order, repeats kept. Read from the query string itself: names are
    /// case-sensitive (W is not w), where <see cref="HttpRequest.Query"/> would merge W into w under whichever casing came last.
    /// </summary>
    public static List<KeyValuePair<string, string>> QueryPairs(this HttpRequest request) =>
        QueryText.Parse(request.QueryString.Value ?? string.Empty).ToList();
}
