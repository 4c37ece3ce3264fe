namespace MediaEdge.IntegrationTests.Hosting;

/// <summary>
/// Base of tests against a shared server: a fresh guarded client per test, checked for server failures when the test ends.
/// An engine test case (<see cref="EngineFactAttribute"/>, <see cref="EngineTheoryAttribute"/>) gets the fixture's server
/// for its engine; any other test the server of the fixture's first engine.
/// </summary>
public abstract class ServerTest : IDisposable
{
    private readonly StatusGuard _guard;

    protected ServerTest(ServerFixture fixture)
    {
        Engine = EngineTestCase.Current ?? fixture.Engine;
        Server = fixture.ServerOf(Engine);
        Client = Server.CreateClient(out _guard);
    }

    protected MediaEdgeServer Server { get; }

    protected HttpClient Client { get; }

    /// <summary>The engine the server renders with, for assertions that depend on what it can encode.</summary>
    protected Engine Engine { get; }

    public void Dispose()
    {
        Client.Dispose();
        _guard.AssertNoServerFailure();
        GC.SuppressFinalize(this);
    }
}
