namespace MediaEdge.IntegrationTests.Hosting;

/// <summary>A server with default limits that takes the hostile files, so their load does not slow the image tests.</summary>
public class HostileServer : ServerFixture
{
    public const string Collection = "hostile server";
}

/// <summary>The same server rendering with libvips.</summary>
public sealed class VipsHostileServer : HostileServer
{
    public new const string Collection = "hostile server (vips)";

    public override Engine Engine => Engine.Vips;
}

[CollectionDefinition(HostileServer.Collection)]
public sealed class HostileServerCollection : ICollectionFixture<HostileServer>;

[CollectionDefinition(VipsHostileServer.Collection)]
public sealed class VipsHostileServerCollection : ICollectionFixture<VipsHostileServer>;
