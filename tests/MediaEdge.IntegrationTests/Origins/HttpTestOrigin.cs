using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace MediaEdge.IntegrationTests.Origins;

/// <summary>
/// A real HTTP origin: Kestrel on 127.0.0.1, port 0, serving the <see cref="OriginResource"/> each test puts at a path,
/// and counting every request it gets. Stopped on dispose; <see cref="StopAsync"/> takes it down mid-test (an origin outage).
/// </summary>
public sealed class HttpTestOrigin : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, OriginResource> _resources = new(StringComparer.Ordinal);
    private WebApplication? _app;
    private int _requests;

    private HttpTestOrigin(TimeProvider? clock)
    {
        Clock = clock;
    }

    /// <summary>Where set, every response carries a Date header from this clock (the service's fake clock), so ages are exact.</summary>
    public TimeProvider? Clock { get; }

    public int Port { get; private set; }

    /// <summary>http://127.0.0.1:{Port}/</summary>
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    /// <summary>Every request, to any path.</summary>
    public int Requests => Volatile.Read(ref _requests);

    public static async Task<HttpTestOrigin> StartAsync(TimeProvider? clock = null)
    {
        var origin = new HttpTestOrigin(clock);
        var builder = LoopbackApp.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.Run(origin.HandleAsync);
        var address = await LoopbackApp.StartAsync(app);
        origin._app = app;
        origin.Port = address.Port;
        return origin;
    }

    /// <summary>Serves <paramref name="body"/> at <paramref name="path"/> (no leading slash) and returns the resource to set headers on.</summary>
    public OriginResource Put(string path, byte[] body, string contentType = "application/octet-stream")
    {
        var resource = new OriginResource { Body = body, ContentType = contentType };
        _resources[path] = resource;
        return resource;
    }

    public OriginResource this[string path] => _resources[path];

    public OriginResource? TryGet(string path) => _resources.GetValueOrDefault(path);

    /// <summary>Takes the server down: connections to its port are refused from now on.</summary>
    public async Task StopAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await app.StopAsync(timeout.Token);
            await app.DisposeAsync();
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        var path = context.Request.Path.Value?.TrimStart('/') ?? "";
        if (!_resources.TryGetValue(path, out var resource))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        return resource.ServeAsync(context, Clock);
    }
}
