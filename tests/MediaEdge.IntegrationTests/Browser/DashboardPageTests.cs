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
        var usageQueries = UsageQueries(sut);
        await sut.EnterKeyAsync(Key);
        await sut.Page.WaitForSelectorAsync("#key-form", new PageWaitForSelectorOptions { State = WaitForSelectorState.Hidden });

        // Every request goes to the source "local"; its usage record is to count each one and each body byte received.
        var sent = 0;
        long received = 0;
        async Task<HttpStatusCode> GetAsync(string pathAndQuery, string? accept = null)
        {
            var reply = await Client.GetReplyAsync(pathAndQuery, accept);
            sent++;
            received += reply.Body.Length;
            return reply.Status;
        }

        string[] widths = ["160", "320", "480", "640", "800"];
        foreach (var width in widths)
        {
            Assert.Equal(HttpStatusCode.OK, await GetAsync($"/img/local/colorful-cups.jpg?w={width}", "image/webp,*/*"));
            Assert.Equal(HttpStatusCode.OK, await GetAsync($"/img/local/colorful-cups.jpg?w={width}", "image/webp,*/*"));
        }

        Assert.Equal(HttpStatusCode.NotFound, await GetAsync("/img/local/no-such-photo.jpg?w=200"));
        Assert.Equal(11, sent);

        await WaitForChartsAsync(sut);

        // The page read today's usage once, as the key was accepted and before the traffic; it reads it again every
        // 30 s, or when it is opened again, as here (the key stays for the browser session).
        Assert.Single(usageQueries);
        await sut.Page.ReloadAsync();
        await sut.Page.WaitForSelectorAsync("#key-form", new PageWaitForSelectorOptions { State = WaitForSelectorState.Hidden });
        await WaitForChartsAsync(sut);

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

        // The usage table, from the node's own /admin/api/usage: "local" alone, with exactly the test's requests (5
        // misses, 5 hits from memory, the 404) and the body bytes it received.
        await sut.Page.WaitForSelectorAsync("#usage-table tbody tr");
        var usageState = JsonDocument.Parse(await sut.Page.EvaluateAsync<string>("() => JSON.stringify(dashboard.state.usage)")).RootElement;
        output.WriteLine("usage: " + usageState);
        var metered = Assert.Single(usageState.EnumerateObject());
        Assert.Equal("local", metered.Name);
        Assert.Equal(
            (sent, received, 5, 5, 0, 0, 0, 0),
            (metered.Value.GetProperty("requests").GetInt32(), metered.Value.GetProperty("bytesOut").GetInt64(),
                metered.Value.GetProperty("hitL1").GetInt32(), metered.Value.GetProperty("miss").GetInt32(),
                metered.Value.GetProperty("hitDisk").GetInt32(), metered.Value.GetProperty("hitL2").GetInt32(),
                metered.Value.GetProperty("stale").GetInt32(), metered.Value.GetProperty("rateLimited").GetInt32()));
        var row = Assert.Single(await sut.Page.Locator("#usage-table tbody tr").AllAsync());
        var cells = await row.Locator("td").AllInnerTextsAsync();
        output.WriteLine("usage row: " + string.Join(" | ", cells));
        Assert.Equal(
            ["local", sent.ToString(CultureInfo.InvariantCulture), "50%", "5", PageBytes(received), "0"],
            [cells[0], cells[1], cells[2], cells[3], cells[7], cells[9]]);
        Assert.True(await sut.Page.IsHiddenAsync("#usage-note"));
        Assert.Equal(2, usageQueries.Count);
        Assert.All(usageQueries, query => Assert.Matches("^from=\\d{4}-\\d{2}-\\d{2}T00%3A00%3A00.000Z&to=\\d{4}-\\d{2}-\\d{2}T", query));

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

    /// <summary>Waits until every chart has points above zero.</summary>
    private static Task WaitForChartsAsync(DashboardPage sut) => sut.WaitUntilAsync(
        "every chart has points above zero",
        """
        () => {
          const p = dashboard.points();
          return p["chart-tiers"][0] > 0 && p["chart-tiers"][3] > 0 && p["chart-latency"][1] > 0 && p["chart-saved"][0] > 0 && p["chart-errors"][0] > 0;
        }
        """,
        TimeSpan.FromSeconds(20));

    /// <summary>The queries of the page's <c>/admin/api/usage</c> calls, from now on, in order.</summary>
    private static IReadOnlyCollection<string> UsageQueries(DashboardPage page)
    {
        var queries = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.Page.Request += (_, request) =>
        {
            var url = new Uri(request.Url);
            if (url.AbsolutePath == "/admin/api/usage")
            {
                queries.Enqueue(url.Query.TrimStart('?'));
            }
        };
        return queries;
    }

    /// <summary>
    /// Answers the page's <c>/admin/api/usage</c> calls with <paramref name="status"/> and <paramref name="body"/>, for a
    /// node that answers otherwise than this one does.
    /// </summary>
    private static Task AnswerUsageAsync(DashboardPage page, int status, string body) =>
        page.Page.RouteAsync(
            url => new Uri(url).AbsolutePath == "/admin/api/usage",
            route => route.FulfillAsync(new RouteFulfillOptions { Status = status, ContentType = "application/json", Body = body }));

    /// <summary>A byte count as the page writes it (index.js, <c>bytes</c>): 1024-based units, one decimal below 100.</summary>
    private static string PageBytes(long n)
    {
        if (n == 0)
        {
            return "0 B";
        }

        string[] units = ["B", "KB", "MB", "GB", "TB"];
        var power = Math.Min(units.Length - 1, (int)Math.Floor(Math.Log(Math.Abs(n)) / Math.Log(1024)));
        var scaled = n / Math.Pow(1024, power);
        return scaled.ToString(power == 0 || scaled >= 100 ? "#,0" : "#,0.#", CultureInfo.InvariantCulture) + " " + units[power];
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
