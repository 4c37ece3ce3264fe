namespace MediaEdge.IntegrationTests.Hosting;

/// <summary>The servers most image tests share, one per engine: default limits, the shared media folder.</summary>
public sealed class ImageServer : ServerFixture
{
    public const string Collection = "image server";

    public override IReadOnlyList<Engine> Engines => Engine.All;
}

[CollectionDefinition(ImageServer.Collection)]
public sealed class ImageServerCollection : ICollectionFixture<ImageServer>;
