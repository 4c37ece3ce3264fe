using System.Text;
using MediaEdge.IntegrationTests.Origins;

namespace MediaEdge.IntegrationTests.Shield;

/// <summary>Active content (SVG, HTML) on /o/ is a sandboxed download by default: never rendered inline on the service's origin.</summary>
public sealed class ActiveContentTests : ShieldTest
{
    internal static readonly byte[] Svg = Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(document.domain)</script></svg>");

    [Theory]
    [InlineData("image/svg+xml")]
    [InlineData("text/html; charset=utf-8")]
    public async Task ActiveContent_IsAnAttachment_UnderASandboxPolicy(string contentType)
    {
        Origin.Put("logo.svg", Svg, contentType).ETag = "\"svg\"";

        var reply = await GetAsync("logo.svg");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(Svg, reply.Body);
        Assert.Equal("attachment", reply.Header("Content-Disposition"));
        Assert.Contains("sandbox", reply.HeaderList("Content-Security-Policy").Single().Split(';', StringSplitOptions.TrimEntries));
        Assert.Equal("nosniff", reply.Header("X-Content-Type-Options"));
    }

    [Fact]
    public async Task PassiveContent_IsServedInline()
    {
        Origin.Put("photo.jpg", SampleBytes.Media("small.jpg"), "image/jpeg");

        var reply = await GetAsync("photo.jpg");

        Assert.Equal((HttpStatusCode.OK, "image/jpeg"), (reply.Status, reply.ContentType));
        Assert.Null(reply.Header("Content-Disposition"));
        Assert.Null(reply.Header("Content-Security-Policy"));
    }
}

/// <summary>With Security:ActiveContent=Refuse, active content on /o/ is a 415 problem.</summary>
public sealed class RefusedActiveContentTests : ShieldTest
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["MediaEdge:Security:ActiveContent"] = "Refuse",
    };

    [Fact]
    public async Task Svg_IsRefusedWith415()
    {
        Origin.Put("logo.svg", ActiveContentTests.Svg, "image/svg+xml");

        var reply = await GetAsync("logo.svg");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, reply.Status);
        Assert.Equal("urn:mediaedge:problem:unsupported-media", reply.Problem().GetProperty("type").GetString());
        Assert.DoesNotContain("<svg", Encoding.UTF8.GetString(reply.Body), StringComparison.Ordinal);
    }
}
