using System.Diagnostics;
using MediaEdge.Imaging;
using MediaEdge.Imaging.ImageSharp;
using MediaEdge.Limits;
using MediaEdge.Origins.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MediaEdge.IntegrationTests.Origins;

/// <summary>
/// An HTTP source whose host is allow-listed but whose address is loopback, private, link-local, CGNAT, metadata,
/// unspecified or IPv4-in-IPv6 is refused at connect time (502, origin-refused) with AllowPrivateNetworks at its default,
/// and no connection is made: a listener on the loopback port counts zero accepts, where the same source with
/// AllowPrivateNetworks=true is seen to connect. A redirect from an allowed host to 127.0.0.1 is refused before it is followed.
/// </summary>
public sealed class SsrfTests
{
    /// <summary>Refused well inside the 5 s connect timeout: nothing was dialled.</summary>
    private static readonly TimeSpan Quickly = TimeSpan.FromSeconds(2);

    /// <summary>Base URL ({0} = the trap's port, for the addresses that land on this machine's loopback), and the reason the guard gives.</summary>
    public static TheoryData<string, string> RefusedAddresses { get; } = new()
    {
        { "http://127.0.0.1:{0}/", "loopback" },
        { "http://[::1]:{0}/", "loopback" },
        { "http://10.0.0.1/", "private (10.0.0.0/8)" },
        { "http://172.16.0.1/", "private (172.16.0.0/12)" },
        { "http://192.168.1.1/", "private (192.168.0.0/16)" },
        { "http://169.254.169.254/", "cloud metadata" },
        { "http://100.64.0.1/", "carrier-grade NAT" },
        { "http://0.0.0.0:{0}/", "unspecified" },
        { "http://[::ffff:127.0.0.1]:{0}/", "loopback" },
        { "http://[64:ff9b::a00:1]/", "private (10.0.0.0/8)" },
        { "http://localhost:{0}/", "loopback" },
    };

    public static TheoryData<string> LoopbackAddresses { get; } = new()
    {
        "http://127.0.0.1:{0}/",
        "http://[::1]:{0}/",
        "http://[::ffff:127.0.0.1]:{0}/",
        "http://localhost:{0}/",
        "http://0.0.0.0:{0}/",
    };

    [Theory]
    [MemberData(nameof(RefusedAddresses))]
    public async Task AllowListedHost_AtAForbiddenAddress_IsRefusedBeforeAnyConnection(string baseUrl, string reason)
    {
        await using var trap = ConnectionTrap.Start();
        var url = new Uri(string.Format(CultureInfo.InvariantCulture, baseUrl, trap.Port));
        await using var edge = await StartEdgeAsync(Source("target", url, allowPrivateNetworks: null, url.Host));

        foreach (var path in new[] { "/o/target/x.jpg", "/img/target/x.jpg?w=10" })
        {
            var watch = Stopwatch.StartNew();
            var reply = await edge.GetAsync(path);
            watch.Stop();

            Assert.Equal(HttpStatusCode.BadGateway, reply.Status);
            var problem = reply.Problem();
            Assert.Equal("urn:mediaedge:problem:origin-refused", problem.GetProperty("type").GetString());
            var detail = problem.GetProperty("detail").GetString()!;
            Assert.Contains($"({reason}", detail, StringComparison.Ordinal);
            Assert.Contains("AllowPrivateNetworks", detail, StringComparison.Ordinal);
            Assert.True(watch.Elapsed < Quickly, $"{path} took {watch.Elapsed}: a connection was attempted");
        }

        await Task.Delay(100);
        Assert.Equal(0, trap.Accepted);
        Assert.Equal(2, ((HttpOrigin)edge.Origin("target")).RefusedConnections);
    }

    [Theory]
    [MemberData(nameof(LoopbackAddresses))]
    public async Task LoopbackAddress_WithAllowPrivateNetworks_IsDialled_SoTheTrapCounts(string baseUrl)
    {
        await using var trap = ConnectionTrap.Start();
        var url = new Uri(string.Format(CultureInfo.InvariantCulture, baseUrl, trap.Port));
        await using var edge = await StartEdgeAsync(Source("target", url, allowPrivateNetworks: true, url.Host));

        var reply = await edge.GetAsync("/o/target/x.jpg");

        // The trap accepts and hangs up, which the service reports as an origin failure, not a refusal.
        Assert.Equal(HttpStatusCode.BadGateway, reply.Status);
        Assert.Equal("urn:mediaedge:problem:origin-failed", reply.Problem().GetProperty("type").GetString());
        Assert.True(trap.Accepted >= 1, "the trap saw no connection: " + System.Text.Encoding.UTF8.GetString(reply.Body));
        Assert.Equal(0, ((HttpOrigin)edge.Origin("target")).RefusedConnections);
    }

    [Fact]
    public async Task RedirectFromAnAllowedHost_To127001_IsRefused_AndNeverFollowed()
    {
        await using var trap = ConnectionTrap.Start();
        await using var origin = await HttpTestOrigin.StartAsync();
        var hop = origin.Put("x.jpg", []);
        hop.RedirectTo = $"http://127.0.0.1:{trap.Port}/x";
        await using var edge = await StartEdgeAsync(Source("hop", new Uri($"http://localhost:{origin.Port}/"), allowPrivateNetworks: true, "localhost"));

        var reply = await edge.GetAsync("/img/hop/x.jpg?w=10");

        Assert.Equal(HttpStatusCode.BadGateway, reply.Status);
        var problem = reply.Problem();
        Assert.Equal("urn:mediaedge:problem:origin-refused", problem.GetProperty("type").GetString());
        Assert.Contains("http://127.0.0.1", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("AllowedHosts", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, hop.Requests);
        await Task.Delay(100);
        Assert.Equal(0, trap.Accepted);
    }

    [Fact]
    public async Task RedirectTo127001_WhenThatHostIsAllowedToo_IsFollowed_SoTheTrapCounts()
    {
        await using var trap = ConnectionTrap.Start();
        await using var origin = await HttpTestOrigin.StartAsync();
        var hop = origin.Put("x.jpg", []);
        hop.RedirectTo = $"http://127.0.0.1:{trap.Port}/x";
        await using var edge = await StartEdgeAsync(Source("hop", new Uri($"http://localhost:{origin.Port}/"), allowPrivateNetworks: true, "localhost", "127.0.0.1"));

        var reply = await edge.GetAsync("/img/hop/x.jpg?w=10");

        Assert.Equal(HttpStatusCode.BadGateway, reply.Status);
        Assert.Equal("urn:mediaedge:problem:origin-failed", reply.Problem().GetProperty("type").GetString());
        Assert.Equal(1, hop.Requests);
        Assert.True(trap.Accepted >= 1, "the redirect was not followed to the trap");
    }

    [Fact]
    public async Task ShieldRedirect_IsPassedToTheClient_AndNeverFollowedByTheNode()
    {
        await using var trap = ConnectionTrap.Start();
        await using var origin = await HttpTestOrigin.StartAsync();
        var hop = origin.Put("x.jpg", []);
        hop.RedirectTo = $"http://127.0.0.1:{trap.Port}/x";
        await using var edge = await StartEdgeAsync(Source("hop", new Uri($"http://localhost:{origin.Port}/"), allowPrivateNetworks: true, "localhost"));

        var reply = await edge.GetAsync("/o/hop/x.jpg");

        Assert.Equal(HttpStatusCode.Found, reply.Status);
        Assert.Equal($"http://127.0.0.1:{trap.Port}/x", reply.Header("Location"));
        Assert.Equal(1, hop.Requests);
        await Task.Delay(100);
        Assert.Equal(0, trap.Accepted);
    }

    /// <summary>A shield on ImageSharp in process: every case is refused or fails at the origin, so no imaging worker need start.</summary>
    private static Task<MediaEdgeServer> StartEdgeAsync(Dictionary<string, string?> settings) =>
        MediaEdgeServer.StartAsync(ServerOptions.Shield(settings) with
        {
            Services = services => services.AddSingleton<IImageEngine>(new ImageSharpEngine(new LimitsOptions())),
        });

    private static Dictionary<string, string?> Source(string name, Uri baseUrl, bool? allowPrivateNetworks, params string[] allowedHosts)
    {
        var settings = new Dictionary<string, string?>
        {
            [$"MediaEdge:Sources:{name}:Kind"] = "Http",
            [$"MediaEdge:Sources:{name}:BaseUrl"] = baseUrl.ToString(),
            [$"MediaEdge:Sources:{name}:ConnectTimeoutSeconds"] = "5",
        };
        if (allowPrivateNetworks is { } allow)
        {
            settings[$"MediaEdge:Sources:{name}:AllowPrivateNetworks"] = allow ? "true" : "false";
        }

        for (var i = 0; i < allowedHosts.Length; i++)
        {
            settings[$"MediaEdge:Sources:{name}:AllowedHosts:{i}"] = allowedHosts[i];
        }

        return settings;
    }
}
