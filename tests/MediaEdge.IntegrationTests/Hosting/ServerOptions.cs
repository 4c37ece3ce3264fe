using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MediaEdge.IntegrationTests.Hosting;

/// <summary>How <see cref="MediaEdgeServer.StartAsync(ServerOptions)"/> builds a test server; every property has its default.</summary>
public sealed record ServerOptions
{
    /// <summary>Configuration keys (<c>MediaEdge:Limits:MaxSourcePixels</c> = value …) over the defaults; none by default.</summary>
    public IReadOnlyDictionary<string, string?>? Settings { get; init; }

    /// <summary>Adds or replaces services (a <see cref="MediaEdge.Origins.NamedOrigin"/> …) before the host registers its own; none by default.</summary>
    public Action<IServiceCollection>? Services { get; init; }

    /// <summary>The engine to render with; the configured default where null (the default).</summary>
    public Engine? Engine { get; init; }

    /// <summary>The Cache-Control windows; appsettings.json's where null. <see cref="Freshness.Shared"/> by default.</summary>
    public Freshness? Freshness { get; init; } = Freshness.Shared;

    /// <summary>The server's clock; the system clock where null (the default).</summary>
    public TimeProvider? Clock { get; init; }

    /// <summary>The Accept header <see cref="MediaEdgeServer.Client"/> sends where a request names none; none by default.</summary>
    public string? Accept { get; init; }

    /// <summary>A name for messages, as a node's letter; none by default.</summary>
    public string? Name { get; init; }

    /// <summary>An origin or shield test's server: <see cref="Freshness.Shield"/>, on a fake clock (a new one at the current whole second where null).</summary>
    public static ServerOptions Shield(IReadOnlyDictionary<string, string?> settings, FakeTimeProvider? clock = null) =>
        new() { Settings = settings, Clock = clock ?? MediaEdgeServer.NewClock(), Freshness = Freshness.Shield };
}

/// <summary>Cache-Control windows, in seconds, a test server runs with (MediaEdge:Cache:*Seconds).</summary>
public sealed record Freshness(int FreshSeconds, int StaleWhileRevalidateSeconds, int StaleIfErrorSeconds)
{
    /// <summary>The shared servers': distinct values, so tests can check each reaches Cache-Control.</summary>
    public static Freshness Shared { get; } = new(MediaEdgeServer.FreshSeconds, MediaEdgeServer.StaleWhileRevalidateSeconds, MediaEdgeServer.StaleIfErrorSeconds);

    /// <summary>The origin and shield tests': fresh for 60 s, no stale-while-revalidate (revalidation happens in the request), stale-if-error for 600 s.</summary>
    public static Freshness Shield { get; } = new(60, 0, 600);
}
