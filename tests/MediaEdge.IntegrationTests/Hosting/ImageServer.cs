namespace MediaEdge.IntegrationTests.Hosting;

/// <summary>The server most image tests share: default limits, the shared media folder, the default engine (ImageSharp).</summary>
public class ImageServer : ServerFixture
{
    public const string Collection = "image server";
}

/// <summary>The same server rendering with libvips, for the image tests' vips run.</summary>
public sealed class VipsImageServer : ImageServer
{
    public new const string Collection = "image server (vips)";

    public override Engine Engine => Engine.Vips;
}

[CollectionDefinition(ImageServer.Collection)]
public sealed class ImageServerCollection : ICollectionFixture<ImageServer>;

[CollectionDefinition(VipsImageServer.Collection)]
public sealed class VipsImageServerCollection : ICollectionFixture<VipsImageServer>;
