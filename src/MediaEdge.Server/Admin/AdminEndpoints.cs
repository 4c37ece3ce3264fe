using MediaEdge.Server.Purge;
using Microsoft.Extensions.FileProviders;

namespace MediaEdge.Server.Admin;

/// <summary>
/// The admin tree: the dashboard at <c>/admin/</c>, the playground at <c>/admin/playground</c>, their static assets, and
/// the API under <c>/admin/api/</c> behind <see cref="AdminKeyFilter"/> (the node, purge, a source's listing for the
/// playground's key picker, and one output's links in every dialect). None of it is mapped without Admin:Keys, so
/// every path under <c>/admin/</c> is then the plain 404 of a path nothing serves.
/// </summary>
public static class AdminEndpoints
{
    /// <summary>The pages' folder in the build output (copied from <c>Admin/Pages/</c>).</summary>
    public static string PagesFolder => Path.Combine(AppContext.BaseDirectory, "admin");

    // The pages hold no data and run only their own scripts; images come from this node, or are blobs made from its answers.
    private const string PagePolicy = "default-src 'self'; img-src 'self' blob: data:; style-src 'self'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>Maps the admin tree where <paramref name="admin"/> has keys; returns the API group for the features' own calls.</summary>
    public static RouteGroupBuilder? MapAdmin(this WebApplication app, AdminOptions admin)
    {
        if (!admin.Enabled)
        {
            return null;
        }

        var pages = new PhysicalFileProvider(PagesFolder);
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(Path.Combine(PagesFolder, "assets")),
            RequestPath = "/admin/assets",
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "no-cache",
        });
        app.MapMethods("/admin", [HttpMethods.Get, HttpMethods.Head], (HttpContext context) => Page(context, pages, "index.html"));
        app.MapMethods("/admin/playground", [HttpMethods.Get, HttpMethods.Head], (HttpContext context) => Page(context, pages, "playground.html"));

        var api = app.MapGroup("/admin/api").AddEndpointFilter(new AdminKeyFilter(admin));
        api.MapGet("/node", (MediaEdgeOptions options) => Results.Json(new
        {
            sources = options.Sources.Select(source => new { name = source.Key, kind = source.Value.Kind }),
            engine = options.Imaging.Engine,
        }));
        api.MapPost("/purge/{source}/{**key}", PurgeEndpoints.PurgeAsync);
        api.MapDashboard();
        api.MapGet("/sources/{source}/objects", ListingEndpoint.ListAsync);
        api.MapGet("/links", LinksEndpoint.Links);
        return api;
    }

    private static IResult Page(HttpContext context, PhysicalFileProvider pages, string name)
    {
        var headers = context.Response.Headers;
        headers.CacheControl = "no-cache";
        headers.ContentSecurityPolicy = PagePolicy;
        headers.XContentTypeOptions = "nosniff";
        return Results.File(pages.GetFileInfo(name).PhysicalPath!, "text/html; charset=utf-8");
    }
}
