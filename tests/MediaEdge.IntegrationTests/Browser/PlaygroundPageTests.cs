using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using MediaEdge.IntegrationTests.Admin;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MediaEdge.IntegrationTests.Browser;

/// <summary>
/// The admin playground (<c>/admin/playground</c>) in Debian's Chromium, as its user sees it: the key form first, then
/// a source, a key and a width, and the output image with its format, dimensions and links; no console errors. With
/// <c>MEDIAEDGE_SCREENSHOTS</c> set to a folder, the page is saved there as <c>admin-playground.png</c> (the README's).
/// </summary>
[Collection(SystemChromium.Collection)]
public sealed partial class PlaygroundPageTests(SystemChromium chromium) : IAsyncLifetime
{
    // Generous, for a loaded two-core machine: a transform, not the page, is what takes time.
    private static readonly LocatorAssertionsToHaveTextOptions Text = new() { Timeout = 30_000 };
    private static readonly LocatorAssertionsToBeVisibleOptions Visible = new() { Timeout = 30_000 };
    private static readonly PageRunAndWaitForResponseOptions Answered = new() { Timeout = 60_000 };

    private readonly ConcurrentQueue<string> _errors = new();
    private MediaEdgeServer? _server;
    private IBrowserContext? _context;

    public async Task InitializeAsync()
    {
        // Beside local, an Http source, whose origin cannot list (nothing is fetched from it).
        _server = await MediaEdgeServer.StartAsync(AdminApi.Settings(new Dictionary<string, string?>
        {
            ["MediaEdge:Sources:web:Kind"] = "Http",
            ["MediaEdge:Sources:web:BaseUrl"] = "http://127.0.0.1:9/",
        }));
        _context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
    }

    public async Task DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.CloseAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task WithoutAKey_ThePageAsksForOne_AndLoadsNoImage_AndAWrongKeyIsRefused()
    {
        var page = await OpenAsync();

        await Expect(page.Locator("#key-dialog")).ToBeVisibleAsync(Visible);
        await Expect(page.Locator("#playground")).Not.ToBeVisibleAsync();
        await page.FillAsync("#key-input", "not-the-admin-key-0123456789");
        await page.ClickAsync("#key-form button[type=submit]");

        await Expect(page.Locator("#key-message")).ToHaveTextAsync("That key is not accepted.", Text);
        await Expect(page.Locator("#key-dialog")).ToBeVisibleAsync();
        Assert.Null(await page.Locator("#out-image").GetAttributeAsync("src"));
        Assert.Equal(0, await page.Locator("#source option").CountAsync());
    }

    [Fact]
    public async Task WithTheKey_ChangingTheWidth_ChangesTheImageAndItsReportedDimensions_WithoutConsoleErrors()
    {
        var page = await OpenAsync();
        await page.FillAsync("#key-input", AdminApi.Key);
        await page.ClickAsync("#key-form button[type=submit]");
        await Expect(page.Locator("#key-dialog")).Not.ToBeVisibleAsync(Visible);
        await page.Locator("#source").SelectOptionAsync("local");
        await Expect(page.Locator("#key-list option[value='colorful-cups.jpg']")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await page.Locator("#key-list").SelectOptionAsync("colorful-cups.jpg");

        var at300 = await page.RunAndWaitForResponseAsync(() => page.FillAsync("#p-w", "300"), Output(300), Answered);
        await Expect(page.Locator("#out-dimensions")).ToHaveTextAsync(Dimensions(300), Text);
        Assert.Equal(300, await NaturalWidthAsync(page));
        await Expect(page.Locator("#out-format")).ToHaveTextAsync(await ContentTypeAsync(at300));

        var at500 = await page.RunAndWaitForResponseAsync(() => page.FillAsync("#p-w", "500"), Output(500), Answered);
        await Expect(page.Locator("#out-dimensions")).ToHaveTextAsync(Dimensions(500), Text);
        Assert.Equal(500, await NaturalWidthAsync(page));
        await Expect(page.Locator("#out-format")).ToHaveTextAsync(await ContentTypeAsync(at500));
        Assert.Equal(200, at500.Status);

        await Expect(page.Locator("#links tbody tr[data-dialect='imgix'] a")).ToHaveTextAsync(new Regex("^/img/local/colorful-cups\\.jpg\\?w=500&"), Text);
        var linked = await page.Locator("#links tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.dialect)");
        var refused = await page.Locator("#refused li").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.dialect)");
        Assert.Equal(["cloudflare", "imgix", "imgproxy", "netlify", "nextjs"], linked.Concat(refused).Order());
        Assert.Contains("nextjs", refused);
        await Expect(page.Locator("#orig-bytes")).Not.ToHaveTextAsync("—");
        Assert.Matches(@"^\d+(\.\d+)? % (smaller|larger)$", await page.Locator("#out-saving").TextContentAsync());
        Assert.True(await page.Locator("#timing tbody tr").CountAsync() > 0, "the Server-Timing table is empty");
        var original = Pixels.Size(MediaFolder.Shared.Read("colorful-cups.jpg"));
        await page.WaitForFunctionAsync("w => document.getElementById('compare-before').naturalWidth === w", original.Width, new() { Timeout = 30_000 });

        if (Environment.GetEnvironmentVariable("MEDIAEDGE_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, "admin-playground.png") });
        }

        Assert.Empty(_errors);
    }

    [Fact]
    public async Task ForASourceThatCannotList_TheKeyIsTypedInstead()
    {
        var page = await OpenAsync();
        await page.FillAsync("#key-input", AdminApi.Key);
        await page.ClickAsync("#key-form button[type=submit]");
        await Expect(page.Locator("#key-list option[value='colorful-cups.jpg']")).ToHaveCountAsync(1, new() { Timeout = 30_000 });

        await page.Locator("#source").SelectOptionAsync("web");

        await Expect(page.Locator("#key-text")).ToBeVisibleAsync(Visible);
        await Expect(page.Locator("#key-list")).Not.ToBeVisibleAsync();
        Assert.Empty(_errors);
    }

    private static Func<IResponse, bool> Output(int width) =>
        response => response.Url.Contains($"/img/local/colorful-cups.jpg?w={width}&", StringComparison.Ordinal);

    private static Regex Dimensions(int width) => new($"^{width} × \\d+$");

    private static Task<int> NaturalWidthAsync(IPage page) => page.Locator("#out-image").EvaluateAsync<int>("img => img.naturalWidth");

    private static async Task<string> ContentTypeAsync(IResponse response) => (await response.AllHeadersAsync())["content-type"];

    private async Task<IPage> OpenAsync()
    {
        var page = await _context!.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _errors.Enqueue("console error: " + message.Text);
            }
        };
        page.PageError += (_, error) => _errors.Enqueue("uncaught: " + error);
        var answer = await page.GotoAsync(new Uri(_server!.BaseAddress, "/admin/playground").ToString());
        Assert.Equal(200, answer?.Status);
        return page;
    }
}
