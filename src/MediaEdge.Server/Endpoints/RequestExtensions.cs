using Microsoft.AspNetCore.Http.Features;

namespace MediaEdge.Server.Endpoints;

/// <summary>What every route reads off a request the same way.</summary>
internal static class RequestExtensions
{
    /// <summary>The request target exactly as sent (still percent-encoded): what URL signatures cover.</summary>
    public static string RawTarget(this HttpContext context) =>
        context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (context.Request.Path + context.Request.QueryString).ToString();

    /// <summary>The query as decoded name/value pairs, repeats kept.</summary>
    public static List<KeyValuePair<string, string>> QueryPairs(this HttpRequest request) =>
        request.Query.SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? string.Empty))).ToList();
}
