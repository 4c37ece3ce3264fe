using MediaEdge.Origins;

namespace MediaEdge.Server.Endpoints;

/// <summary>/healthz: the process answers. /readyz: it can serve (every source reachable).</summary>
public static class HealthEndpoints
{
    public static void MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/healthz", [HttpMethods.Get, HttpMethods.Head], () => Results.Text("ok"));
        app.MapMethods("/readyz", [HttpMethods.Get, HttpMethods.Head], async (OriginRegistry origins, CancellationToken ct) =>
        {
            var down = new List<string>();
            foreach (var (name, origin) in origins.All)
            {
                if (!await origin.IsReadyAsync(ct))
                {
                    down.Add(name);
                }
            }

            return down.Count == 0 ? Results.Text("ready") : Results.Text("origins unreachable: " + string.Join(", ", down), statusCode: 503);
        });
    }
}
