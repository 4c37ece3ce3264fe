using System.Security.Cryptography;
using System.Text;
using MediaEdge.Caching;
using MediaEdge.Origins;
using MediaEdge.Requests;

namespace MediaEdge.Server.Purge;

/// <summary>
/// Purge: drops every variant of one source object on every node. <c>POST /admin/api/purge/{source}/{key}</c> takes one of
/// Admin:Keys; the older <c>POST /purge/{source}/{key}</c> keeps its own <c>Authorization: Bearer &lt;Security:AdminToken&gt;</c>.
/// </summary>
public static class PurgeEndpoints
{
    public static void MapPurgeEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/purge/{source}/{**key}", (HttpContext context, string source, string? key, MediaEdgeOptions options, OriginRegistry origins, SourceVersions versions) =>
        {
            var token = options.Security.AdminToken;
            if (string.IsNullOrEmpty(token))
            {
                throw new ProblemException(404, "purge-disabled", "Purge is disabled", "Set MediaEdge:Security:AdminToken to enable the purge endpoint (or use /admin/api/purge/ with MediaEdge:Admin:Keys).");
            }

            var given = context.Request.Headers.Authorization.ToString();
            var expected = "Bearer " + token;
            if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected)))
            {
                // Added as the response starts: the problem middleware clears headers before it writes the 401.
                context.Response.OnStarting(() =>
                {
                    context.Response.Headers.WWWAuthenticate = "Bearer";
                    return Task.CompletedTask;
                });
                throw new ProblemException(401, "unauthorized", "Admin token required", "Send Authorization: Bearer <MediaEdge:Security:AdminToken>.");
            }

            return PurgeAsync(context, source, key, origins, versions);
        });
    }

    /// <summary>Purges <paramref name="key"/> of <paramref name="source"/> on every node: 202 with the new purge version; 404 for an unknown source.</summary>
    public static async Task<IResult> PurgeAsync(HttpContext context, string source, string? key, OriginRegistry origins, SourceVersions versions)
    {
        origins.Get(source);
        var objectKey = ObjectKey.Validate(key ?? string.Empty);
        var version = await versions.PurgeAsync(SourceVersions.IdOf(source, objectKey));
        context.Response.Headers.CacheControl = "no-store";
        return Results.Json(new { source, key = objectKey, version }, statusCode: StatusCodes.Status202Accepted);
    }
}
