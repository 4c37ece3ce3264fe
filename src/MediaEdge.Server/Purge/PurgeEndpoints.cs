using System.Security.Cryptography;
using System.Text;
using MediaEdge.Caching;
using MediaEdge.Origins;
using MediaEdge.Requests;

namespace MediaEdge.Server.Purge;

/// <summary>POST /purge/{source}/{key} with <c>Authorization: Bearer &lt;AdminToken&gt;</c>: drops every variant of one source object on every node.</summary>
public static class PurgeEndpoints
{
    public static void MapPurgeEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/purge/{source}/{**key}", async (HttpContext context, string source, string? key, MediaEdgeOptions options, OriginRegistry origins, SourceVersions versions) =>
        {
            var token = options.Security.AdminToken;
            if (string.IsNullOrEmpty(token))
            {
                throw new ProblemException(404, "purge-disabled", "Purge is disabled", "Set MediaEdge:Security:AdminToken to enable the purge endpoint.");
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

            origins.Get(source);
            var objectKey = ObjectKey.Validate(key ?? string.Empty);
            var version = await versions.PurgeAsync(SourceVersions.IdOf(source, objectKey));
            context.Response.Headers.CacheControl = "no-store";
            return Results.Json(new { source, key = objectKey, version }, statusCode: StatusCodes.Status202Accepted);
        });
    }
}
