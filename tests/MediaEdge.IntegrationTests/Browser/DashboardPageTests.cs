using System.Text.Json;
using Microsoft.Playwright;

namespace MediaEdge.IntegrationTests.Browser;

/// <summary>The admin dashboard in Debian's Chromium: refused without a key, charts and tables filled by real traffic, no console errors.</summary>
[Collection(SystemChromium.Collection)]
public sealed class DashboardPageTests(DashboardPageTests.DashboardServer fixture, SystemChromium chromium, ITestOutputHelper output)
    : ServerTest(fixture), IClassFixture<DashboardPageTests.DashboardServer>
{
    private const string Key = "dashboard-browser-key-0123456789";

    /// <summary>Where the test writes its screenshot (docs/admin-dashboard.png in the README), when set.</summary>
    private const string ScreenshotsVariable = "MEDIAEDGE_SCREENSHOTS";

    [Fact]
    public async Task Dashboard_WithoutAKey_ShowsTheKeyFormAndNoData()
    {
        await using var sut = await DashboardPage.OpenAsync(chromium, Server);

        Assert.True(await sut.Page.IsVisibleAsync("#key-form"));
        Assert.False(await sut.Page.IsVisibleAsync("#chart-tiers"));
        Assert.Equal("–", await sut.Page.TextContentAsync("#fig-requests"));
        Assert.Equal(0, await sut.Page.Locator("canvas").CountAsync());
        Assert.DoesNotContain(sut.Requests, path => path.StartsWith("/admin/api/", StringComparison.Ordinal));
        sut.AssertClean();
    }

    [Fact]
    public async Task Dashboard_WithAWrongKey_SaysSoAndStaysLocked()
    {
        await using var sut = await DashboardPage.OpenAsync(chromium, Server);

        await sut.EnterKeyAsync("not-the-dashboard-key-000000");

        await sut.Page.WaitForSelectorAsync("#key-message:text('That key is not accepted.')");
        Assert.True(await sut.Page.IsVisibleAsync("#key-form"));
        Assert.False(await sut.Page.IsVisibleAsync("#chart-tiers"));
        Assert.DoesNotContain(sut.Requests, path => path == "/admin/api/stats");
        // Chromium itself logs the refused call; the page adds no error of its own.
        var problem = Assert.Single(sut.Problems);
        Assert.StartsWith("console error: Failed to load resource: the server responded with a status of 403", problem, StringComparison.Ordinal);
        Assert.Contains("/admin/api/node", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_AfterTraffic_ChartsItListsTheSlowestAndShowsHealthAndUsage()
    {
        await using var sut = await DashboardPage.OpenAsync(chromium, Server);
        var usageQueries = await AnswerUsageAsync(sut, 200, UsageAnswer);
        await sut.EnterKeyAsync(Key);
        await sut.Page.WaitForSelectorAsync("#key-form", new PageWaitForSelectorOptions { State = WaitForSelectorState.Hidden });

        string[] widths = ["160", "320", "480", "640", "800"];
        foreach (var width in widths)
        {
            Assert.Equal(HttpStatusCode.OK, (await Client.GetReplyAsync($"/img/local/colorful-cups.jpg?w={width}", "image/webp,*/*")).Status);
            Assert.Equal(HttpStatusCode.OK, (await Client.GetReplyAsync($"/img/local/colorful-cups.jpg?w={width}", "image/webp,*/*")).Status);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetReplyAsync("/img/local/no-such-photo.jpg?w=200")).Status);

        await sut.WaitUntilAsync(
            "every chart has points above zero",
            """
            () => {
              const p = dashboard.points();
              return p["chart-tiers"][0] > 0 && p["chart-tiers"][3] > 0 && p["chart-latency"][1] > 0 && p["chart-saved"][0] > 0 && p["chart-errors"][0] > 0;
            }
            """,
            TimeSpan.FromSeconds(20));

        Assert.Equal(4, await sut.Page.Locator(".chart canvas").CountAsync());
        var tierLegend = await sut.Page.Locator("#chart-tiers .u-legend .u-series td.u-value").AllTextContentsAsync();
        output.WriteLine("tier legend: " + string.Join(", ", tierLegend));
        var legend = await sut.Page.Locator("#chart-tiers .u-legend .u-series th").AllTextContentsAsync();
        Assert.Equal(["hit-l1", "hit-disk", "hit-l2", "miss", "stale", "none", "other"], legend.Skip(1).Select(label => label.Trim()));
        var totals = JsonDocument.Parse(await sut.Page.EvaluateAsync<string>("() => JSON.stringify(dashboard.state.stats.totals)")).RootElement;
        output.WriteLine("totals: " + totals);
        Assert.Equal((5, 5, 1), (Tier(totals, "miss"), Tier(totals, "hit-l1"), Tier(totals, "none")));
        Assert.Equal("11", await sut.Page.TextContentAsync("#fig-requests"));
        Assert.Equal("50%", await sut.Page.TextContentAsync("#fig-hits"));
        Assert.Equal("404 × 1", await sut.Page.TextContentAsync("#fig-codes"));

        var links = await sut.Page.Locator("#slowest-table td.url a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        Assert.Equal(widths.Select(w => $"/img/local/colorful-cups.jpg?w={w}").Order(), links.Order());
        Assert.True(await sut.Page.IsVisibleAsync("#slowest-table"));

        Assert.Equal(1, await sut.Page.Locator("#origins tbody tr").CountAsync());
        var local = await sut.Page.Locator("#origins tbody tr td").AllInnerTextsAsync();
        Assert.Equal(["local", "reachable", "none", Server.OriginReads.ToString(CultureInfo.InvariantCulture)], [local[0].Trim(), local[1], local[3], local[4]]);
        Assert.EndsWith(" ms", local[5], StringComparison.Ordinal);
        Assert.StartsWith("not configured", await sut.Page.TextContentAsync("#redis-state"), StringComparison.Ordinal);

        await sut.Page.WaitForSelectorAsync("#usage-table tbody tr");
        var usage = await sut.Page.Locator("#usage-table tbody tr").AllInnerTextsAsync();
        Assert.Equal(
            [
                "local\t30\t75%\t4\t1.5\t2\t1 MB\t512 KB\t2 MB\t1",
                "photos\t3\t–\t0\t0\t0\t0 B\t0 B\t0 B\t0",
            ],
            usage);
        var query = Assert.Single(usageQueries);
        Assert.Matches("^from=\\d{4}-\\d{2}-\\d{2}T00%3A00%3A00.000Z&to=\\d{4}-\\d{2}-\\d{2}T", query);

        if (Environment.GetEnvironmentVariable(ScreenshotsVariable) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await sut.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, "admin-dashboard.png"), FullPage = true });
        }

        sut.AssertClean();
    }

    [Fact]
    public async Task Dashboard_NodeWithoutUsage_SaysSoAndKeepsCharting()
    {
        await using var sut = await DashboardPage.OpenAsync(chromium, Server);
        await AnswerUsageAsync(sut, 404, """{"title":"Not Found","status":404}""");
        await sut.EnterKeyAsync(Key);

        await sut.Page.WaitForSelectorAsync("#usage-note:text('Usage not available on this node.')");
        await sut.WaitUntilAsync("a second poll", "() => dashboard.state.polls >= 2", TimeSpan.FromSeconds(10));

        Assert.False(await sut.Page.IsVisibleAsync("#usage-table"));
        Assert.Equal(0, await sut.Page.EvaluateAsync<int>("() => dashboard.state.failures"));
        // Chromium itself logs every failed load, a fetch's included; the page adds no error of its own.
        var problem = Assert.Single(sut.Problems);
        Assert.StartsWith("console error: Failed to load resource: the server responded with a status of 404", problem, StringComparison.Ordinal);
        Assert.Contains("/admin/api/usage?from=", problem, StringComparison.Ordinal);
    }

    /// <summary>A usage answer of two sources, "local" in two hours: the table sums each source's records.</summary>
    private const string UsageAnswer = """
        {
          "from": "2026-11-30T00:00:00Z", "to": "2026-11-30T11:00:00Z",
          "records": [
            { "source": "local", "hour": "2026-11-30T09:00:00Z", "requests": 10, "variants": 3, "transformMilliseconds": 1000, "ffmpegSeconds": 0.5, "originBytes": 524288, "bytesOut": 262144, "bytesSaved": 1048576, "hitL1": 4, "hitDisk": 1, "hitL2": 1, "miss": 2, "stale": 0, "rateLimited": 1 },
            { "source": "local", "hour": "2026-11-30T10:00:00Z", "requests": 20, "variants": 1, "transformMilliseconds": 500, "ffmpegSeconds": 1.5, "originBytes": 524288, "bytesOut": 262144, "bytesSaved": 1048576, "hitL1": 6, "hitDisk": 0, "hitL2": 0, "miss": 2, "stale": 0, "rateLimited": 0 },
            { "source": "photos", "hour": "2026-11-30T10:00:00Z", "requests": 3, "variants": 0, "transformMilliseconds": 0, "ffmpegSeconds": 0, "originBytes": 0, "bytesOut": 0, "bytesSaved": 0, "hitL1": 0, "hitDisk": 0, "hitL2": 0, "miss": 0, "stale": 0, "rateLimited": 0 }
          ]
        }
        """;

    /// <summary>
    /// Answers the page's <c>/admin/api/usage</c> calls with <paramref name="status"/> and <paramref name="body"/> (the
    /// endpoint is another feature's; the page is checked against a known answer); returns the queries they carried.
    /// </summary>
    private static async Task<IReadOnlyCollection<string>> AnswerUsageAsync(DashboardPage page, int status, string body)
    {
        var queries = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await page.Page.RouteAsync(
            url => new Uri(url).AbsolutePath == "/admin/api/usage",
            route =>
            {
                queries.Enqueue(new Uri(route.Request.Url).Query.TrimStart('?'));
                return route.FulfillAsync(new RouteFulfillOptions { Status = status, ContentType = "application/json", Body = body });
            });
        return queries;
    }

    private static long Tier(JsonElement totals, string tier) => totals.GetProperty("tiers").GetProperty(tier).GetInt64();

    public sealed class DashboardServer : ServerFixture
    {
        protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
        {
            ["MediaEdge:Admin:Keys:0"] = Key,
        };
    }
}
