namespace MediaEdge.IntegrationTests.Hosting;

/// <summary>A server with default limits that takes the hostile files, so their load does not slow the image tests.</summary>
public sealed class HostileServer : ServerFixture
{
    public const string Collection = "hostile server";
}

[CollectionDefinition(HostileServer.Collection)]
public sealed class HostileServerCollection : ICollectionFixture<HostileServer>;
