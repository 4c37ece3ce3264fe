namespace MediaEdge.IntegrationTests.Dialects;

/// <summary>One variant asked for in every URL syntax is one transform: every dialect shares the one cache.</summary>
public sealed class SameVariantTests
{
    private const string Accept = "image/avif,image/webp,*/*";

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
            replies.Add(await client.GetReplyAsync(url, Accept));
        }

        Assert.All(replies, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.Equal(640, Pixels.Size(replies[0].Body).Width);
        Assert.Equal("image/avif", replies[0].ContentType);
        Assert.All(replies.Skip(1), r => Assert.Equal(replies[0].Body, r.Body));
        Assert.Equal(1, server.Transforms);
        guard.AssertNoServerFailure();
    }

    [Theory]
    [InlineData("/imgproxy/insecure/rs:fit:640:0/q:75/plain/local:///colorful-cups.jpg", "/img/local/colorful-cups.jpg?w=640&fit=max&q=75&auto=format")]
    [InlineData("/_next/image?url=%2Fcolorful-cups.jpg&w=640&q=75", "/img/local/colorful-cups.jpg?w=640&q=75&fit=max&auto=format")]
    public async Task ADialectUrl_AndItsTranslationAsImgixParameters_AreOneTransform_WithIdenticalBytes(string dialectUrl, string imgixUrl)
    {
        await using var server = await MediaEdgeServer.StartAsync();
        using var client = server.CreateClient(out var guard);

        var dialect = await client.GetReplyAsync(dialectUrl, Accept);
        var imgix = await client.GetReplyAsync(imgixUrl, Accept);

        Assert.Equal(HttpStatusCode.OK, dialect.Status);
        Assert.Equal(HttpStatusCode.OK, imgix.Status);
        Assert.Equal("image/avif", dialect.ContentType);
        Assert.Equal(640, Pixels.Size(dialect.Body).Width);
        Assert.Equal(dialect.Body, imgix.Body);
        Assert.Equal(1, server.Transforms);
        Assert.Contains("Accept", dialect.Header("Vary") ?? "", StringComparison.Ordinal);
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
