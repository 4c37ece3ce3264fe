using MediaEdge.Composition;
using MediaEdge.Diagnostics;
using MediaEdge.Dialects;
using MediaEdge.Origins;
using MediaEdge.Pipeline;
using MediaEdge.Server.Tenancy;

namespace MediaEdge.Server.Endpoints;

/// <summary>GET/HEAD on each enabled dialect's route: its URL translated, then answered exactly as <c>/img/</c> answers.</summary>
public static class DialectEndpoints
{
    /// <summary>The dialects <c>MediaEdge:Dialects:Enabled</c> names among those registered (every one where it is unset).</summary>
    public static IEnumerable<IUrlDialect> Enabled(DialectOptions options, NamedExtensions<IUrlDialect> dialects) =>
        options.EnabledNames() is { } names ? names.Select(name => dialects.Find(name)!) : dialects.All;

    public static void MapDialectEndpoints(this IEndpointRouteBuilder app)
    {
        var services = app.ServiceProvider;
        var images = services.GetRequiredService<ImageService>();
        var admission = services.GetRequiredService<SourceAdmission>();
        var options = services.GetRequiredService<MediaEdgeOptions>();
        var metrics = services.GetRequiredService<MediaEdgeMetrics>();
        var sources = new SourceUrls(options.Sources, options.Dialects.DefaultSource ?? "local", services.GetRequiredService<NamedExtensions<IOriginKind>>());
        foreach (var dialect in Enabled(options.Dialects, services.GetRequiredService<NamedExtensions<IUrlDialect>>()).Select(d => d.Configure(options.Dialects)))
        {
            app.MapMethods(dialect.Route, [HttpMethods.Get, HttpMethods.Head], async (HttpContext context) =>
            {
                var request = context.Request;
                var target = context.RawTarget();
                var values = request.RouteValues.ToDictionary(v => v.Key, v => v.Value?.ToString(), StringComparer.Ordinal);
                var rawPath = target.Split('?', 2)[0];
                var translated = dialect.Translate(rawPath, values, request.QueryPairs(), sources);
                // After translating, which only parses: the source it names may take imgix signatures, and then requires one.
                admission.Admit(context, target, translated.Source);
                await ImageEndpoints.AnswerAsync(context, target, translated.Source, translated.Key, translated.Query, images, options, metrics);
            });
        }
    }
}
