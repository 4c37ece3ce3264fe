namespace MediaEdge.IntegrationTests.Hosting;

/// <summary>The server most image tests share: default limits, the shared media folder.</summary>
public sealed class ImageServer : ServerFixture
{
    public const string Collection = "image server";
}

[CollectionDefinition(ImageServer.Collection)]
public sealed class ImageServerCollection : ICollectionFixture<ImageServer>;
