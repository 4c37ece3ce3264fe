using MediaEdge.IntegrationTests.TestMedia;
using MediaEdge.Origins;
using Microsoft.Extensions.DependencyInjection;

namespace MediaEdge.IntegrationTests.Hosting;

/// <summary>
/// A server no other test has warmed, for tests that count cache misses, transforms and origin reads. Besides
/// <c>local</c> it serves the media folder as <c>slow</c>, through an origin whose reads take 300 ms.
/// </summary>
public class FreshServer : ServerFixture
{
    public const string Collection = "fresh server";

    public DelayedOrigin Slow { get; } = new("slow", MediaFolder.Shared.Root, TimeSpan.FromMilliseconds(300));

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton(new NamedOrigin("slow", Slow));
}

/// <summary>The same server rendering with libvips.</summary>
public sealed class VipsFreshServer : FreshServer
{
    public new const string Collection = "fresh server (vips)";

    public override Engine Engine => Engine.Vips;
}

[CollectionDefinition(FreshServer.Collection)]
public sealed class FreshServerCollection : ICollectionFixture<FreshServer>;

[CollectionDefinition(VipsFreshServer.Collection)]
public sealed class VipsFreshServerCollection : ICollectionFixture<VipsFreshServer>;
