using System.Text.Json;

namespace MediaEdge.IntegrationTests.Admin;

/// <summary>
/// <c>GET /admin/api/links</c>: one output's URL in MediaEdge's syntax and every enabled dialect that can say it, each
/// answering the identical bytes (as <c>SameVariantTests</c> asks one picture five ways); the others refused with a reason.
/// </summary>
public sealed class LinksTests
{
    private const string Accept = HttpClientReplies.BrowserAccept;

    /// <summary>Parameter sets on colorful-cups.jpg, and the dialects that can express each (imgix always can).</summary>
    public static TheoryData<string, string[]> ParameterSets => new()
    {
        { "w=640&q=75&fit=max&auto=format", ["imgix", "nextjs", "cloudflare", "imgproxy"] },
        { "w=640&q=75&auto=format", ["imgix", "netlify", "cloudflare", "imgproxy"] },
        { "w=300&h=200&fit=crop&crop=top&q=60&fm=webp", ["imgix", "netlify", "cloudflare", "imgproxy"] },
        { "w=320&h=320&fit=crop&crop=focalpoint&fp-x=0.3&fp-y=0.6&fm=png", ["imgix", "cloudflare", "imgproxy"] },
        { "w=400&h=240&fit=fill&bg=ff8800&fm=jpg&q=70", ["imgix", "cloudflare"] },
        { "w=200&dpr=2&q=75&auto=format", ["imgix", "cloudflare", "imgproxy"] },
        { "w=240&blur=25&sharp=10&rot=90&flip=h&fm=jpg&q=80", ["imgix", "imgproxy"] },
        { "w=0.5&fm=webp", ["imgix"] },
    };

    [Theory]
    [MemberData(nameof(ParameterSets))]
    public async Task EveryLink_AnswersTheImgixLinksBytes_AndEveryOtherDialectSaysWhyNot(string parameters, string[] linked)
    {
        await using var server = await MediaEdgeServer.StartAsync(AdminApi.Settings());
        using var client = server.CreateClient(out var guard);

        var answer = await AdminApi.JsonAsync(client, "/admin/api/links?source=local&key=colorful-cups.jpg&" + parameters);

        var links = Links(answer);
        Assert.Equal(linked.Order(), links.Select(l => l.Dialect).Order());
        Assert.StartsWith("/img/local/colorful-cups.jpg?", links[0].Url, StringComparison.Ordinal);
        var refused = answer.GetProperty("refused").EnumerateArray().ToList();
        Assert.Equal(5 - linked.Length, refused.Count);
        Assert.All(refused, r => Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("reason").GetString())));
        var replies = new List<Reply>();
        foreach (var link in links)
        {
            replies.Add(await client.GetReplyAsync(link.Url, Accept));
        }

        Assert.All(replies, (r, i) => Assert.True(r.Status == HttpStatusCode.OK, $"{links[i].Url}: {r}"));
        Assert.StartsWith("image/", replies[0].ContentType, StringComparison.Ordinal);
        Assert.All(replies.Skip(1), (r, i) => Assert.True(replies[0].Body.AsSpan().SequenceEqual(r.Body), $"{links[i + 1].Url} answered other bytes than {links[0].Url}"));
        guard.AssertNoServerFailure();
    }

    [Theory]
    [InlineData("w=640&q=75&fit=max&auto=format", "cloudflare imgix imgproxy nextjs", "fit=max")]
    [InlineData("w=640&q=75&auto=format", "cloudflare imgix imgproxy", "signature")]
    public async Task WhereSignaturesAreRequired_TheLinksAreSigned_AndNetlifyWhoseUrlsCannotCarryOneIsRefused(string parameters, string linked, string netlifyReason)
    {
        await using var server = await MediaEdgeServer.StartAsync(AdminApi.Settings(new Dictionary<string, string?>
        {
            ["MediaEdge:Security:RequireSignature"] = "true",
            ["MediaEdge:Security:SigningKeys:0"] = "links-test-signing-key-0123456789",
            ["MediaEdge:Dialects:imgproxy:Key"] = "943b421c9eb07c830af81030552c86009268de4e532ba2ee2eab8247c6da0881",
            ["MediaEdge:Dialects:imgproxy:Salt"] = "520f986b998545b4785e0defbc4f3c1203f22de2374a3d53cb7a7fe9fea309c5",
        }));
        using var client = server.CreateClient(out var guard);

        var answer = await AdminApi.JsonAsync(client, "/admin/api/links?source=local&key=colorful-cups.jpg&" + parameters);

        var links = Links(answer);
        Assert.Equal(linked.Split(' '), links.Select(l => l.Dialect).Order());
        var netlify = answer.GetProperty("refused").EnumerateArray().Single(r => r.GetProperty("dialect").GetString() == "netlify");
        Assert.Contains(netlifyReason, netlify.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("/insecure/", links.Single(l => l.Dialect == "imgproxy").Url, StringComparison.Ordinal);
        var unsigned = await client.GetReplyAsync(links[0].Url[..links[0].Url.LastIndexOf("&s=", StringComparison.Ordinal)], Accept);
        Assert.Equal(HttpStatusCode.Forbidden, unsigned.Status);
        var replies = new List<Reply>();
        foreach (var link in links)
        {
            replies.Add(await client.GetReplyAsync(link.Url, Accept));
        }

        Assert.All(replies, (r, i) => Assert.True(r.Status == HttpStatusCode.OK, $"{links[i].Url}: {r}"));
        Assert.All(replies.Skip(1), r => Assert.Equal(replies[0].Body, r.Body));
        guard.AssertNoServerFailure();
    }

    [Fact]
    public async Task OnlyEnabledDialects_AreWritten()
    {
        await using var server = await MediaEdgeServer.StartAsync(AdminApi.Settings(new Dictionary<string, string?> { ["MediaEdge:Dialects:Enabled"] = "cloudflare" }));

        var answer = await AdminApi.JsonAsync(server.Client, "/admin/api/links?source=local&key=colorful-cups.jpg&w=640&q=75&fit=max&auto=format");

        Assert.Equal(["imgix", "cloudflare"], Links(answer).Select(l => l.Dialect));
        Assert.Empty(answer.GetProperty("refused").EnumerateArray());
    }

    [Fact]
    public async Task AnUnknownSource_IsA404_AndABadKeyA400_BehindTheAdminKey()
    {
        await using var server = await MediaEdgeServer.StartAsync(AdminApi.Settings());

        var unknown = await AdminApi.GetAsync(server.Client, "/admin/api/links?source=nowhere&key=a.jpg");
        var badKey = await AdminApi.GetAsync(server.Client, "/admin/api/links?source=local&key=../secret.jpg");
        var noKey = await AdminApi.GetAsync(server.Client, "/admin/api/links?source=local&key=a.jpg", key: "");

        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal(HttpStatusCode.BadRequest, badKey.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.Status);
    }

    private static List<(string Dialect, string Url)> Links(JsonElement answer) =>
        [.. answer.GetProperty("links").EnumerateArray().Select(l => (l.GetProperty("dialect").GetString()!, l.GetProperty("url").GetString()!))];
}
