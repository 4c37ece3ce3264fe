namespace MediaEdge.IntegrationTests.Tenancy;

/// <summary>
/// A server whose sources are tenants: <c>local</c> with the node's limits, a source per limit that overrides only
/// that one (the same media folder, so the same URL can be asked of both), two plain sources for metering, and an admin key.
/// </summary>
public sealed class TenantServer : ServerFixture
{
    public const string AdminKey = "tenant-admin-key-0123456789";

    /// <summary>Each overriding source, the limit it sets, and its value.</summary>
    public static readonly (string Source, string Limit, string Value)[] Overrides =
    [
        ("tight-bytes", "MaxSourceBytes", "100000"),
        ("tight-pixels", "MaxSourcePixels", "500000"),
        ("tight-frames", "MaxSourceFrames", "5"),
        ("tight-animation", "MaxAnimationPixels", "200000"),
        ("tight-output", "MaxOutputPixels", "10000"),
        ("tight-animated-output", "MaxAnimatedOutputPixels", "50000"),
        ("tight-clip-seconds", "MaxClipSeconds", "0.5"),
        ("tight-clip-pixels", "MaxClipPixels", "10000"),
        ("tight-clip-bytes", "MaxClipSourceBytes", "100000"),
    ];

    /// <summary>The plain sources of the metering tests.</summary>
    public static readonly string[] Metered = ["meter-a", "meter-b", "meter-csv"];

    protected override IReadOnlyDictionary<string, string?> Settings
    {
        get
        {
            var settings = new Dictionary<string, string?> { ["MediaEdge:Admin:Keys:0"] = AdminKey };
            foreach (var (source, limit, value) in Overrides)
            {
                settings[$"MediaEdge:Sources:{source}:Root"] = MediaFolder.Shared.Root;
                settings[$"MediaEdge:Sources:{source}:Limits:{limit}"] = value;
            }

            foreach (var source in Metered)
            {
                settings[$"MediaEdge:Sources:{source}:Root"] = MediaFolder.Shared.Root;
            }

            return settings;
        }
    }
}
