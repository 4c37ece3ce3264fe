using MediaEdge.Origins;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MediaEdge.IntegrationTests.Caching;

/// <summary>
/// One node over a counting folder origin named "counted" that holds <see cref="Key"/> (a copy of small.jpg, 640x400), on
/// a <see cref="FakeTimeProvider"/>: fresh for 60 s, then 30 s of stale-while-revalidate, stale-if-error up to 300 s.
/// The folder is the test's to change or break, and goes with the node.
/// </summary>
public sealed class CountedNode : IAsyncDisposable
{
    public const string Key = "photo.jpg";

    private CountedNode(string folder, FakeTimeProvider clock, CountingOrigin origin, MediaEdgeServer node)
    {
        Folder = folder;
        Clock = clock;
        Origin = origin;
        Node = node;
    }

    public string Folder { get; }

    public FakeTimeProvider Clock { get; }

    public CountingOrigin Origin { get; }

    public MediaEdgeServer Node { get; }

    /// <param name="settings">More settings, on top of the freshness windows.</param>
    public static async Task<CountedNode> StartAsync(string name, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"mediaedge-{name}-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(MediaFolder.Shared.Root, "small.jpg"), Path.Combine(folder, Key));
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var origin = new CountingOrigin("counted", folder);
        var all = new Dictionary<string, string?>
        {
            ["MediaEdge:Cache:FreshSeconds"] = "60",
            ["MediaEdge:Cache:StaleWhileRevalidateSeconds"] = "30",
            ["MediaEdge:Cache:StaleIfErrorSeconds"] = "300",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        try
        {
            var node = await MediaEdgeServer.StartAsync(NodeGroup.NodeOptions(name, all, services =>
            {
                services.AddSingleton<TimeProvider>(clock);
                services.AddSingleton(new NamedOrigin("counted", origin));
            }));
            return new CountedNode(folder, clock, origin, node);
        }
        catch
        {
            Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Node.DisposeAsync();
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
