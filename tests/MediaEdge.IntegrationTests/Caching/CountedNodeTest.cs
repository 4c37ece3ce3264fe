using Microsoft.Extensions.Time.Testing;

namespace MediaEdge.IntegrationTests.Caching;

/// <summary>Base of tests that each run on a <see cref="CountedNode"/> of their own, started before the test and disposed after it.</summary>
public abstract class CountedNodeTest(string name, IReadOnlyDictionary<string, string?>? settings = null) : IAsyncLifetime
{
    private CountedNode? _counted;

    protected MediaEdgeServer Node => Counted.Node;

    protected CountingOrigin Origin => Counted.Origin;

    protected FakeTimeProvider Clock => Counted.Clock;

    /// <summary>The origin's folder, holding <see cref="CountedNode.Key"/>, for the test to change or break.</summary>
    protected string Folder => Counted.Folder;

    private CountedNode Counted => _counted ?? throw new InvalidOperationException("Not initialized.");

    public async Task InitializeAsync() => _counted = await CountedNode.StartAsync(name, settings);

    public async Task DisposeAsync()
    {
        if (_counted is not null)
        {
            await _counted.DisposeAsync();
        }
    }
}
