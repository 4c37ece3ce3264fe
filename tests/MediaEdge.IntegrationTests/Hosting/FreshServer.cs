using System.Collections.Concurrent;
using MediaEdge.Origins;
using Microsoft.Extensions.DependencyInjection;

namespace MediaEdge.IntegrationTests.Hosting;

/// <summary>
/// Servers, one per engine, no other test has warmed, for tests that count cache misses, transforms and origin reads.
/// Besides <c>local</c> each serves the media folder as <c>slow</c>, through an origin of its own whose reads take 300 ms.
/// </summary>
public sealed class FreshServer : ServerFixture
{
    public const string Collection = "fresh server";

    private readonly ConcurrentDictionary<Engine, DelayedOrigin> _slow = new();

    public override IReadOnlyList<Engine> Engines => Engine.All;

    /// <summary>The <c>slow</c> origin of the server rendering with <paramref name="engine"/>.</summary>
    public DelayedOrigin Slow(Engine engine) => _slow.GetOrAdd(engine, _ => new DelayedOrigin("slow", MediaFolder.Shared.Root, TimeSpan.FromMilliseconds(300)));

    protected override void ConfigureServices(IServiceCollection services, Engine engine) => services.AddSingleton(new NamedOrigin("slow", Slow(engine)));
}

[CollectionDefinition(FreshServer.Collection)]
public sealed class FreshServerCollection : ICollectionFixture<FreshServer>;
