using Microsoft.Extensions.DependencyInjection;

namespace MediaEdge.IntegrationTests.Hosting;

/// <summary>
/// Running servers shared by a collection of tests, one per engine it serves, started together; at the end it fails the
/// run if any client saw a server failure.
/// </summary>
public abstract class ServerFixture : IAsyncLifetime
{
    private IReadOnlyDictionary<Engine, MediaEdgeServer> _servers = new Dictionary<Engine, MediaEdgeServer>();

    /// <summary>
    /// The engines this fixture serves: <see cref="Engine.Default"/>, unless its tests are engine tests
    /// (<see cref="EngineFactAttribute"/>, <see cref="EngineTheoryAttribute"/>) and it serves <see cref="Engine.All"/>.
    /// </summary>
    public virtual IReadOnlyList<Engine> Engines => [Engine.Default];

    /// <summary>The engine of a test that names none: the first this fixture serves.</summary>
    public Engine Engine => Engines[0];

    /// <summary>The server of <see cref="Engine"/>.</summary>
    public MediaEdgeServer Server => ServerOf(Engine);

    /// <summary>Configuration this fixture's servers run with besides the defaults.</summary>
    protected virtual IReadOnlyDictionary<string, string?>? Settings => null;

    /// <summary>The server rendering with <paramref name="engine"/>.</summary>
    public MediaEdgeServer ServerOf(Engine engine) =>
        _servers.GetValueOrDefault(engine)
        ?? throw new InvalidOperationException($"{GetType().Name} serves {string.Join(", ", Engines)}, not {engine}: list it in Engines, or mark the test [Fact]/[Theory].");

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        var starts = Engines.Select(engine => MediaEdgeServer.StartAsync(Settings, services => ConfigureServices(services, engine), engine)).ToArray();
        MediaEdgeServer[] servers;
        try
        {
            servers = await Task.WhenAll(starts);
        }
        catch
        {
            foreach (var start in starts.Where(s => s.IsCompletedSuccessfully))
            {
                await (await start).DisposeAsync();
            }

            throw;
        }

        _servers = Engines.Zip(servers).ToDictionary(p => p.First, p => p.Second);
    }

    /// <summary>Services the server of <paramref name="engine"/> runs with besides the defaults.</summary>
    protected virtual void ConfigureServices(IServiceCollection services, Engine engine)
    {
    }

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        var failures = _servers.SelectMany(s => s.Value.Failures.Select(f => $"{s.Key}: {f}")).ToArray();
        foreach (var server in _servers.Values)
        {
            await server.DisposeAsync();
        }

        if (failures.Length > 0)
        {
            throw new InvalidOperationException($"{GetType().Name}: the servers answered {failures.Length} request(s) with a failure status: " + string.Join("; ", failures));
        }
    }
}
