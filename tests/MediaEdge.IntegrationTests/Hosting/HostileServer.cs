namespace MediaEdge.IntegrationTests.Hosting;

/// <summary>Servers, one per engine, with default limits that take the hostile files, so their load does not slow the image tests.</summary>
public sealed class HostileServer : ServerFixture
{
    public const string Collection = "hostile server";

    public override IReadOnlyList<Engine> Engines => Engine.All;
}

[CollectionDefinition(HostileServer.Collection)]
public sealed class HostileServerCollection : ICollectionFixture<HostileServer>;
