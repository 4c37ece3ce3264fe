namespace MediaEdge.IntegrationTests.Clients;

/// <summary>
/// Issue 14's acceptance: the srcsets that @imgix/js-core, unpic, Nuxt Image and Next.js generate by default, for a
/// 400-px-wide image and a full-width one, all answer 200 with an image at the width each candidate promises. The srcsets
/// come from the real npm packages (<see cref="ClientSrcsets"/>).
/// </summary>
[Collection(ClientsServer.Collection)]
public sealed class ClientSrcsetTests(ClientsServer fixture) : ServerTest(fixture)
{
    private const int FixedWidth = 400;
    private const string SmallKey = "colorful-cups.jpg";
    private const int SmallWidth = 1280;
    private const int SmallHeight = 800;
    private const long MaxOutputPixels = 16_777_216;

    public static TheoryData<string, string> Srcsets { get; } = new()
    {
        { "@imgix/js-core", "fixed" },
        { "@imgix/js-core", "full-width" },
        { "unpic", "fixed" },
        { "unpic", "full-width" },
        { "@nuxt/image", "fixed" },
        { "@nuxt/image", "full-width" },
        { "next", "fixed" },
        { "next", "full-width" },
    };

    [Theory]
    [MemberData(nameof(Srcsets))]
    public async Task DefaultSrcset_EveryCandidate_Is200_AtThePromisedWidth(string client, string layout)
    {
        var output = await ClientSrcsets.GetAsync();
        var srcset = Assert.Single(output.Srcsets, s => s.Client == client && s.Layout == layout);

        await AssertServedAsPromisedAsync(srcset);
    }

    /// <summary>
    /// The same srcsets of colorful-cups.jpg (1280x800), smaller than most widths asked: each candidate gets what imgix
    /// documents for its fit (docs.imgix.com/apis/rendering/size/fit): <c>max</c> (Next.js) and <c>min</c> (unpic) never
    /// exceed the source; <c>clip</c>, the default (js-core, Nuxt), scales up, and past imgix's maximum output (8192 px a side,
    /// here <c>Limits:MaxOutputPixels</c> in area) scales down to fit: js-core's w=8192 is 5181 px wide.
    /// </summary>
    [Theory]
    [MemberData(nameof(Srcsets))]
    public async Task DefaultSrcset_OfASmallerSource_IsServedAsImgixDocumentsForItsFit(string client, string layout)
    {
        var output = await ClientSrcsets.GetAsync(SmallKey);
        var srcset = Assert.Single(output.Srcsets, s => s.Client == client && s.Layout == layout);

        await AssertServedAsync(srcset, candidate =>
        {
            var query = Query(candidate.Url);
            var asked = Asked(query);
            if (query.GetValueOrDefault("fit") is "max" or "min")
            {
                var kept = Math.Min(asked, SmallWidth);
                return (kept, kept);
            }

            // clip: as asked, unless width x height passes the output limit; then the largest width within it, to the pixel.
            var limit = (int)Math.Floor(Math.Sqrt(MaxOutputPixels * SmallWidth / (double)SmallHeight));
            return asked * (asked * SmallHeight / (double)SmallWidth) <= MaxOutputPixels ? (asked, asked) : (limit - 4, limit);
        });
    }

    [Theory]
    [InlineData("fixed")]
    [InlineData("full-width")]
    public async Task JsCoreSignedSrcset_OnAnImgixSignedSource_IsServedAsPromised(string layout)
    {
        var output = await ClientSrcsets.GetAsync();
        var srcset = Assert.Single(output.Signed, s => s.Layout == layout);
        Assert.All(srcset.Candidates, c => Assert.Contains($"/img/{ClientSrcsets.SignedSource}/", c.Url, StringComparison.Ordinal));

        await AssertServedAsPromisedAsync(srcset);
    }

    [Fact]
    public async Task JsCoreSignedUrl_Tampered_Unsigned_OrOnAnotherSource_Is403()
    {
        var output = await ClientSrcsets.GetAsync();
        var signed = PathAndQuery(output.Signed.Single(s => s.Layout == "fixed").Candidates[1].Url);
        Assert.Contains("&w=400&", signed, StringComparison.Ordinal);
        var unsigned = signed[..signed.IndexOf("&s=", StringComparison.Ordinal)];
        var onPlainClient = PathAndQuery(output.Srcsets.Single(s => s.Client == "@imgix/js-core" && s.Layout == "fixed").Candidates[0].Url)
            .Replace($"/img/{ClientSrcsets.Source}/", $"/img/{ClientSrcsets.SignedSource}/", StringComparison.Ordinal);

        var tampered = await GetAsync(signed.Replace("&w=400&", "&w=401&", StringComparison.Ordinal));
        var missing = await GetAsync(unsigned);
        var unsignedClient = await GetAsync(onPlainClient);
        var genuine = await GetAsync(signed);

        Assert.Equal("invalid", Refusal(tampered));
        Assert.Equal("missing", Refusal(missing));
        Assert.Equal("missing", Refusal(unsignedClient));
        Assert.Equal(HttpStatusCode.OK, genuine.Status);
    }

    private static string Refusal(Reply reply)
    {
        Assert.Equal(HttpStatusCode.Forbidden, reply.Status);
        Assert.Equal("application/problem+json", reply.ContentType);
        return reply.Problem().GetProperty("reason").GetString()!;
    }

    /// <summary>
    /// A <c>w</c> candidate promises its width. An <c>x</c> candidate promises the image's <c>w</c> times its <c>dpr</c>
    /// (imgix's meaning), and that is at least the 400 px layout times the density.
    /// </summary>
    private Task AssertServedAsPromisedAsync(ClientSrcset srcset) =>
        AssertServedAsync(srcset, candidate =>
        {
            var promised = candidate.Width ?? Asked(Query(candidate.Url));
            return (promised, promised);
        });

    /// <summary>Requests every candidate and checks status, magic bytes and width; collects every miss, so one run shows them all.</summary>
    private async Task AssertServedAsync(ClientSrcset srcset, Func<SrcsetCandidate, (int Min, int Max)> expected)
    {
        Assert.NotEmpty(srcset.Candidates);
        var misses = new List<string>();
        foreach (var candidate in srcset.Candidates)
        {
            var reply = await GetAsync(PathAndQuery(candidate.Url));
            var (least, most) = expected(candidate);
            if (reply.Status != HttpStatusCode.OK)
            {
                misses.Add($"{candidate.Url}: {(int)reply.Status} {System.Text.Encoding.UTF8.GetString(reply.Body)}");
                continue;
            }

            if (reply.ContentType is not { } type || !Magic.Matches(type, reply.Body))
            {
                misses.Add($"{candidate.Url}: {reply.ContentType} whose bytes are not that format");
                continue;
            }

            var (width, _) = Pixels.Size(reply.Body);
            if (width < least || width > most)
            {
                misses.Add($"{candidate.Url}: {width} px wide, {(least == most ? least : $"{least}-{most}")} expected");
            }

            if (candidate.Density is { } density && width < (int)Math.Round(FixedWidth * density))
            {
                misses.Add($"{candidate.Url}: {width} px wide for {density}x of a {FixedWidth}-px image");
            }
        }

        Assert.True(misses.Count == 0, $"{srcset.Client} {srcset.Layout}: {misses.Count} of {srcset.Candidates.Count} candidates missed:\n" + string.Join("\n", misses));
    }

    private static Dictionary<string, string> Query(string url) =>
        url[(url.IndexOf('?') + 1)..].Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "");

    /// <summary>What a candidate's URL asks: w × dpr.</summary>
    private static int Asked(Dictionary<string, string> query)
    {
        var w = int.Parse(query["w"], CultureInfo.InvariantCulture);
        var dpr = query.TryGetValue("dpr", out var d) ? double.Parse(d, CultureInfo.InvariantCulture) : 1;
        return (int)Math.Round(w * dpr);
    }

    private static string PathAndQuery(string url)
    {
        Assert.StartsWith(ClientSrcsets.Origin + "/", url, StringComparison.Ordinal);
        return url[ClientSrcsets.Origin.Length..];
    }

    /// <summary>Sends the path and query exactly as the client wrote them, with a browser's Accept.</summary>
    private async Task<Reply> GetAsync(string rawPathAndQuery)
    {
        var uri = new Uri(Client.BaseAddress!.GetLeftPart(UriPartial.Authority) + rawPathAndQuery, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.TryAddWithoutValidation("Accept", HttpClientReplies.BrowserAccept);
        return await Client.SendReplyAsync(request);
    }
}
