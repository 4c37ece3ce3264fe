using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MediaEdge.IntegrationTests.Security;

/// <summary>
/// A production-like node: signatures required, two signing keys in rotation (<see cref="NewKey"/> first), and a
/// clock the tests set, so expiry is tested without sleeping.
/// </summary>
public sealed class SigningServer : ServerFixture
{
    public const string Collection = "signing server";
    public const string NewKey = "key-2025-new";
    public const string OldKey = "key-2024-old";

    /// <summary>2030-01-01T00:00:00Z: far from the real clock, so a test that read the real one would fail.</summary>
    public static readonly DateTimeOffset Start = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; } = new(Start);

    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["MediaEdge:Security:SigningKeys:0"] = NewKey,
        ["MediaEdge:Security:SigningKeys:1"] = OldKey,
        ["MediaEdge:Security:RequireSignature"] = "true",
    };

    protected override void ConfigureServices(IServiceCollection services, Engine engine) => services.AddSingleton<TimeProvider>(Clock);
}

[CollectionDefinition(SigningServer.Collection)]
public sealed class SigningServerCollection : ICollectionFixture<SigningServer>;
