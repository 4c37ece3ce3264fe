namespace MediaEdge.IntegrationTests.Hosting;

/// <summary>Servers, one per engine, for requests that must be refused (paths, keys, sources, parameters), run beside the image tests.</summary>
public sealed class EdgeServer : ServerFixture
{
    public const string Collection = "edge server";

    public override IReadOnlyList<Engine> Engines => Engine.All;

    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["MediaEdge:Presets:thumb"] = "w=64&h=48&fit=crop&fm=png",
    };
}

[CollectionDefinition(EdgeServer.Collection)]
public sealed class EdgeServerCollection : ICollectionFixture<EdgeServer>;
