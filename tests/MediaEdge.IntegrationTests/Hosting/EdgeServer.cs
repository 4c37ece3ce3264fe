namespace MediaEdge.IntegrationTests.Hosting;

/// <summary>A server for requests that must be refused (paths, keys, sources, parameters), run beside the image tests.</summary>
public class EdgeServer : ServerFixture
{
    public const string Collection = "edge server";

    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["MediaEdge:Presets:thumb"] = "w=64&h=48&fit=crop&fm=png",
    };
}

/// <summary>The same server rendering with libvips.</summary>
public sealed class VipsEdgeServer : EdgeServer
{
    public new const string Collection = "edge server (vips)";

    public override Engine Engine => Engine.Vips;
}

[CollectionDefinition(EdgeServer.Collection)]
public sealed class EdgeServerCollection : ICollectionFixture<EdgeServer>;

[CollectionDefinition(VipsEdgeServer.Collection)]
public sealed class VipsEdgeServerCollection : ICollectionFixture<VipsEdgeServer>;
