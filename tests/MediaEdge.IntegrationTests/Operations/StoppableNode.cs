using MediaEdge.IntegrationTests.Hosting;
using MediaEdge.IntegrationTests.TestMedia;
using MediaEdge.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MediaEdge.IntegrationTests.Operations;

/// <summary>
/// A node built and served as <see cref="MediaEdgeServer"/> builds one (Kestrel on a loopback port 0, the shared media
/// folder as <c>local</c>, no Redis, unsigned URLs), whose <see cref="WebApplication"/> the test stops itself.
/// </summary>
public sealed class StoppableNode : IAsyncDisposable
{
    private readonly WebApplication _app;
    private bool _stopped;

    private StoppableNode(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int Port => BaseAddress.Port;

    public static async Task<StoppableNode> StartAsync(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            $"--contentRoot={AppContext.BaseDirectory}",
            $"--MediaEdge:Sources:local:Root={MediaFolder.Shared.Root}",
            "--MediaEdge:Cache:Redis:Configuration=",
            "--MediaEdge:Security:RequireSignature=false",
            "--Logging:LogLevel:Default=Warning",
        ];
        var app = MediaEdgeHost.Build(args, builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            services?.Invoke(builder.Services);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new StoppableNode(app, new Uri(address));
    }

    /// <summary>A client whose responses are checked for server failures; each concurrent request gets its own connection from its pool.</summary>
    public HttpClient CreateClient(out StatusGuard guard)
    {
        guard = new StatusGuard(new SocketsHttpHandler { AllowAutoRedirect = false });
        return new HttpClient(guard, disposeHandler: true) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>What the host does on SIGTERM: stop listening, let requests in flight finish within the drain, stop the services.</summary>
    public Task StopAsync()
    {
        _stopped = true;
        return _app.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopped)
        {
            await StopAsync();
        }

        await _app.DisposeAsync();
    }
}
