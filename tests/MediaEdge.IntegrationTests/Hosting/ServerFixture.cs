using Microsoft.Extensions.DependencyInjection;

namespace MediaEdge.IntegrationTests.Hosting;

/// <summary>One running server shared by a collection of tests; at the end it fails the run if any client saw a server failure.</summary>
public abstract class ServerFixture : IAsyncLifetime
{
    private MediaEdgeServer? _server;

    public MediaEdgeServer Server => _server ?? throw new InvalidOperationException("The server has not started.");

    /// <summary>The image engine this fixture's server renders with: ImageSharp, the service's default, unless a subclass picks another.</summary>
    public virtual Engine Engine => Engine.ImageSharp;

    /// <summary>Configuration this fixture's server runs with besides the defaults.</summary>
    protected virtual IReadOnlyDictionary<string, string?>? Settings => null;

    public async Task InitializeAsync() => _server = await MediaEdgeServer.StartAsync(Settings, ConfigureServices, Engine);

    /// <summary>Services this fixture's server runs with besides the defaults.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    public async Task DisposeAsync()
    {
        if (_server is null)
        {
            return;
        }

        var failures = _server.Failures.ToArray();
        await _server.DisposeAsync();
        if (failures.Length > 0)
        {
            throw new InvalidOperationException($"{GetType().Name} ({Engine}): the server answered {failures.Length} request(s) with a failure status: " + string.Join("; ", failures));
        }
    }
}
