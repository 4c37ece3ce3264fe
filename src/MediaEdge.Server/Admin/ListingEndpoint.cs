using System.Globalization;
using MediaEdge.Origins;
using MediaEdge.Requests;

namespace MediaEdge.Server.Admin;

/// <summary>
/// <c>GET /admin/api/sources/{source}/objects?prefix=&amp;limit=</c>: a source's objects for the playground's key picker,
/// where its origin lists (<see cref="IListableOrigin"/>); <c>listable: false</c> and no objects where it does not.
/// </summary>
public static class ListingEndpoint
{
    /// <summary>The objects listed where <c>limit</c> is not given.</summary>
    public const int DefaultLimit = 100;

    /// <summary>Answers the listing of <paramref name="source"/>; a 404 problem for an unknown source, a 400 for a bad limit.</summary>
    public static async Task<IResult> ListAsync(string source, HttpRequest request, OriginRegistry origins, CancellationToken cancellationToken)
    {
        var origin = origins.Get(source);
        var prefix = request.Query["prefix"].ToString();
        var limit = Limit(request.Query["limit"].ToString());
        if (origin is not IListableOrigin listable)
        {
            return Results.Json(new { source, listable = false, objects = Array.Empty<object>() });
        }

        var objects = await listable.ListAsync(prefix, limit, cancellationToken);
        return Results.Json(new
        {
            source,
            listable = true,
            objects = objects.Select(o => new { key = o.Key, bytes = o.Length, lastModified = o.LastModified }),
        });
    }

    private static int Limit(string text) =>
        text.Length == 0 ? DefaultLimit
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= IListableOrigin.MaxLimit ? limit
        : throw Problems.BadParameter("limit", $"limit must be a whole number from 1 to {IListableOrigin.MaxLimit}; got '{text}'.");
}
