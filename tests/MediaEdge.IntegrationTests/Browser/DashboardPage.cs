using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace MediaEdge.IntegrationTests.Browser;

/// <summary>
/// The admin dashboard (<c>/admin/</c>) of a server, open in a context of its own in <see cref="SystemChromium"/> at
/// 1280×800; it records console errors, uncaught exceptions and every request the page made, for the tests' checks.
/// </summary>
public sealed class DashboardPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly ConcurrentQueue<string> _problems = new();
    private readonly ConcurrentQueue<string> _requests = new();

    private DashboardPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _problems.Enqueue($"console error: {message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => _problems.Enqueue("uncaught: " + error);
        page.Request += (_, request) => _requests.Enqueue(new Uri(request.Url).AbsolutePath);
    }

    public IPage Page { get; }

    /// <summary>The path of every request the page made, in order.</summary>
    public IReadOnlyCollection<string> Requests => _requests;

    /// <summary>Console errors and uncaught exceptions the page had, in order.</summary>
    public IReadOnlyCollection<string> Problems => _problems;

    /// <summary>Opens <c>/admin/</c> of <paramref name="server"/> in a new context of <paramref name="chromium"/>.</summary>
    public static async Task<DashboardPage> OpenAsync(SystemChromium chromium, MediaEdgeServer server)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        try
        {
            var sut = new DashboardPage(context, await context.NewPageAsync());
            var answer = await sut.Page.GotoAsync(new Uri(server.BaseAddress, "/admin/").ToString());
            Assert.Equal(200, answer?.Status);
            return sut;
        }
        catch
        {
            await context.CloseAsync();
            throw;
        }
    }

    /// <summary>Types <paramref name="key"/> into the key form and sends it.</summary>
    public async Task EnterKeyAsync(string key)
    {
        await Page.FillAsync("#key-input", key);
        await Page.ClickAsync("#key-form button[type=submit]");
    }

    /// <summary>Waits until <paramref name="condition"/> (JavaScript, with <c>dashboard</c> in scope) holds, failing with <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public async Task WaitUntilAsync(string what, string condition, TimeSpan timeout)
    {
        try
        {
            await Page.WaitForFunctionAsync(condition, null, new PageWaitForFunctionOptions { Timeout = (float)timeout.TotalMilliseconds, PollingInterval = 200 });
        }
        catch (TimeoutException)
        {
            var stats = await Page.EvaluateAsync<string>("() => JSON.stringify({ points: dashboard.points(), totals: dashboard.state.stats && dashboard.state.stats.totals })");
            Assert.Fail($"{what}: not within {timeout.TotalSeconds:0} s. The page had: {stats}");
        }
    }

    /// <summary>Fails on any console error or uncaught exception.</summary>
    public void AssertClean() => Assert.True(_problems.IsEmpty, "The page saw: " + string.Join("; ", _problems));

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}
