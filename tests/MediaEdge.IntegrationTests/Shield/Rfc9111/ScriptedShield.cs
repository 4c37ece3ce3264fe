using MediaEdge.Imaging;
using MediaEdge.Imaging.ImageSharp;
using MediaEdge.Limits;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MediaEdge.IntegrationTests.Shield.Rfc9111;

/// <summary>
/// A <see cref="ScriptedOrigin"/> as source <c>web</c> behind a MediaEdge host, both on one fake clock, with both
/// stale windows 0 unless <c>settings</c> say otherwise; requests go to <c>/o/web/{path}</c>.
/// </summary>
public sealed class ScriptedShield : IAsyncDisposable
{
    private ScriptedShield(ScriptedOrigin origin, MediaEdgeServer edge, HeaderTemplate template)
    {
        Origin = origin;
        Edge = edge;
        Template = template;
    }

    public ScriptedOrigin Origin { get; }

    public MediaEdgeServer Edge { get; }

    public FakeTimeProvider Clock => Edge.Clock;

    /// <summary>Placeholders resolved against the instant the shield started and the origin's address.</summary>
    public HeaderTemplate Template { get; }

    /// <param name="respond">Answers each origin request; its replies' placeholders are resolved before they are sent.</param>
    public static async Task<ScriptedShield> StartAsync(Func<RecordedRequest, OriginReply> respond, IEnumerable<Field>? settings = null)
    {
        var clock = MediaEdgeServer.NewClock();
        HeaderTemplate? template = null;
        var origin = await ScriptedOrigin.StartAsync(clock, request => respond(request).Resolve(template!));
        template = new HeaderTemplate(clock.GetUtcNow(), origin.BaseAddress);
        try
        {
            var configuration = MediaEdgeServer.HttpSource("web", origin.BaseAddress);
            configuration["MediaEdge:Cache:StaleWhileRevalidateSeconds"] = "0";
            configuration["MediaEdge:Cache:StaleIfErrorSeconds"] = "0";
            foreach (var (name, value) in settings ?? [])
            {
                configuration[name] = value;
            }

            // The /o/ route renders nothing, so the shield runs on ImageSharp in process: no imaging worker to start and wait for in each of the table's cases.
            var server = await MediaEdgeServer.StartAsync(ServerOptions.Shield(configuration, clock) with
            {
                Services = services => services.AddSingleton<IImageEngine>(new ImageSharpEngine(new LimitsOptions())),
            });
            return new ScriptedShield(origin, server, template);
        }
        catch
        {
            await origin.DisposeAsync();
            throw;
        }
    }

    /// <summary>The origin's request n (from 0) is answered with <paramref name="script"/>[n]; the last reply repeats.</summary>
    public static Task<ScriptedShield> StartAsync(IReadOnlyList<OriginReply> script, IEnumerable<Field>? settings = null) =>
        StartAsync(request => script[Math.Min(request.Index, script.Count - 1)], settings);

    /// <summary>Sends <paramref name="method"/> /o/web/<paramref name="path"/> with the headers, placeholders resolved.</summary>
    public Task<EdgeReply> SendAsync(string method, string path, IEnumerable<Field>? headers = null, byte[]? body = null) =>
        EdgeReply.SendAsync(Edge.Client, method, "/o/web/" + path, (headers ?? []).Select(h => h with { Value = h.Value is null ? null : Template.Resolve(h.Value) }), body);

    public Task<EdgeReply> GetAsync(string path, params string[] headers) => SendAsync("GET", path, headers.Select(Field.Parse));

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Edge.DisposeAsync();
        }
        finally
        {
            await Origin.DisposeAsync();
        }
    }
}
