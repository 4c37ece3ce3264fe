using System.Net;
using MediaEdge.IntegrationTests.Assertions;
using MediaEdge.IntegrationTests.Hosting;

namespace MediaEdge.IntegrationTests.Dialects;

/// <summary>One variant asked for in every URL syntax is one transform: every dialect shares the one cache.</summary>
public sealed class SameVariantTests
{
    /// <summary>colorful-cups.jpg at 640 px wide, quality 75, format by Accept, in each syntax.</summary>
    public static TheoryData<string> Urls =>
    [
        "/img/local/colorful-cups.jpg?w=640&q=75&auto=format",
        "/_next/image?url=%2Fcolorful-cups.jpg&w=640&q=75",
        "/.netlify/images?url=/colorful-cups.jpg&w=640",
        "/cdn-cgi/image/width=640,quality=75,format=auto/colorful-cups.jpg",
        "/imgproxy/insecure/rs:fit:640:0/q:75/plain/local:///colorful-cups.jpg",
    ];

    [Fact]
    public async Task TheSameVariant_InEverySyntax_IsOneTransform_AndTheSameBytes()
    {
        await using var server = await MediaEdgeServer.StartAsync();
        using var client = server.CreateClient(out var guard);

        var replies = new List<Reply>();
        foreach (var url in Urls)
        {
            replies.Add(await client.GetReplyAsync(url, "image/avif,image/webp,*/*"));
        }

        Assert.All(replies, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.Equal(640, Pixels.Size(replies[0].Body).Width);
        Assert.Equal("image/avif", replies[0].ContentType);
        Assert.All(replies.Skip(1), r => Assert.Equal(replies[0].Body, r.Body));
        Assert.Equal(1, server.Metrics.Total("mediaedge.transforms"));
        guard.AssertNoServerFailure();
    }

    [Fact]
    public async Task TheCloudflareRoute_TakesAnAbsoluteSourceUrl_UnderAnHttpSource_AndRefusesAnyOther()
    {
        await using var server = await MediaEdgeServer.StartAsync();
        using var client = server.CreateClient(out _);

        var refused = await client.GetReplyAsync("/cdn-cgi/image/width=80/https://evil.example/a.jpg");

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("source", refused.Problem().GetProperty("parameter").GetString());
    }
}
