using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Playwright;

namespace MediaEdge.IntegrationTests.Browser;

/// <summary>
/// One test's page in <see cref="SystemChromium"/>, in a context of its own (no shared cache), at
/// <c>{server}/__browser-test/playback.html</c>: Playwright answers that folder (the page and hls.js) so the page is of
/// the server's own origin without a route in the product, and every media request goes to the real server, same
/// origin. It records console errors, uncaught exceptions, responses of 400 and above and any request that leaves the
/// server's origin, for <see cref="AssertClean"/>.
/// </summary>
public sealed class PlaybackPage : IAsyncDisposable
{
    public const string Folder = "/__browser-test/";

    private readonly IBrowserContext _context;
    private readonly Uri _origin;
    private readonly ConcurrentQueue<string> _problems = new();
    private readonly ConcurrentQueue<string> _requests = new();

    private PlaybackPage(IBrowserContext context, IPage page, Uri origin)
    {
        _context = context;
        Page = page;
        _origin = origin;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _problems.Enqueue("console error: " + message.Text);
            }
        };
        page.PageError += (_, error) => _problems.Enqueue("uncaught: " + error);
        page.Request += (_, request) =>
        {
            _requests.Enqueue($"{request.Method} {request.Url}");
            if (!request.Url.StartsWith(_origin.GetLeftPart(UriPartial.Authority) + "/", StringComparison.Ordinal))
            {
                _problems.Enqueue("request off the server's origin: " + request.Url);
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                _problems.Enqueue($"{response.Status} for {response.Url}");
            }
        };
    }

    public IPage Page { get; }

    /// <summary>Every request the page made, in order, for a test's output.</summary>
    public IReadOnlyCollection<string> Requests => _requests;

    /// <summary>Opens the test page of <paramref name="server"/>'s origin in a new context of <paramref name="chromium"/>.</summary>
    public static async Task<PlaybackPage> OpenAsync(SystemChromium chromium, MediaEdgeServer server)
    {
        var context = await chromium.Browser.NewContextAsync();
        try
        {
            var page = await context.NewPageAsync();
            var sut = new PlaybackPage(context, page, server.BaseAddress);
            await page.RouteAsync(url => new Uri(url).AbsolutePath.StartsWith(Folder, StringComparison.Ordinal), FulfilAsync);
            var answer = await page.GotoAsync(new Uri(server.BaseAddress, Folder + "playback.html").ToString());
            Assert.Equal(200, answer?.Status);
            return sut;
        }
        catch
        {
            await context.CloseAsync();
            throw;
        }
    }

    /// <summary>Plays a progressive file (<paramref name="pathAndQuery"/> on the server) in the &lt;video&gt; element.</summary>
    public Task PlayFileAsync(string pathAndQuery) => Page.EvaluateAsync("url => playback.playFile(url)", pathAndQuery);

    /// <summary>
    /// Plays an HLS playlist through hls.js (<c>new Hls(config); loadSource; attachMedia</c>, play on MANIFEST_PARSED);
    /// <paramref name="config"/> is hls.js's configuration object (<c>startPosition</c>, <c>startLevel</c>, …).
    /// </summary>
    public Task PlayHlsAsync(string pathAndQuery, object? config = null) => HlsAsync(pathAndQuery, config, autoplay: true);

    /// <summary>As <see cref="PlayHlsAsync"/>, but hls.js only loads (up to its buffer length) until <see cref="PlayAsync"/>.</summary>
    public Task LoadHlsAsync(string pathAndQuery, object? config = null) => HlsAsync(pathAndQuery, config, autoplay: false);

    public Task PlayAsync() => Page.EvaluateAsync("() => playback.play()");

    /// <summary>Waits until the element's last buffered range ends past <paramref name="seconds"/>.</summary>
    public Task<PlaybackState> WaitForBufferedAsync(double seconds, TimeSpan timeout) =>
        WaitUntilAsync(
            $"buffered past {seconds} s",
            "t => video.buffered.length > 0 && video.buffered.end(video.buffered.length - 1) > t",
            seconds,
            timeout);

    /// <summary>Sets currentTime and returns once the element fired 'seeked'.</summary>
    public Task SeekAsync(double seconds) => Page.EvaluateAsync("s => playback.seek(s)", seconds);

    /// <summary>How far the frame on show is from the image at <paramref name="pathAndQuery"/>: mean absolute difference, 0-255, at 160x90.</summary>
    public Task<double> FrameDistanceAsync(string pathAndQuery) => Page.EvaluateAsync<double>("url => playback.frameDistance(url)", pathAndQuery);

    public async Task<PlaybackState> StateAsync() => PlaybackState.Parse(await Page.EvaluateAsync<JsonElement>("() => playback.state()"));

    /// <summary>
    /// Waits, polling the page, until <paramref name="condition"/> (a JavaScript function of <paramref name="arg"/>, with
    /// <c>video</c> and <c>playback</c> in scope) holds, and fails the test at once when the element or hls.js fails, or
    /// when <paramref name="timeout"/> passes, with what the page showed then.
    /// </summary>
    public async Task<PlaybackState> WaitUntilAsync(string what, string condition, object? arg, TimeSpan timeout)
    {
        try
        {
            await Page.WaitForFunctionAsync(
                $"arg => playback.failure() !== null || ({condition})(arg)",
                arg,
                new PageWaitForFunctionOptions { Timeout = (float)timeout.TotalMilliseconds, PollingInterval = 100 });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"{what}: not within {timeout.TotalSeconds:0} s. {await StateAsync()}");
        }

        var state = await StateAsync();
        Assert.True(state.Failure is null, $"{what}: {state.Failure}. {state}");
        return state;
    }

    /// <summary>Waits until hls.js loaded <paramref name="count"/> distinct segments and playback passed <paramref name="seconds"/>.</summary>
    public Task<PlaybackState> WaitForSegmentsAsync(int count, double seconds, TimeSpan timeout) =>
        WaitUntilAsync(
            $"{count} segments loaded and currentTime past {seconds} s",
            "([n, t]) => new Set(playback.loadedSegments()).size >= n && video.currentTime > t",
            new object[] { count, seconds },
            timeout);

    /// <summary>Fails on any console error, uncaught exception, failure status or request off the server's origin.</summary>
    public void AssertClean() =>
        Assert.True(_problems.IsEmpty, "The page saw: " + string.Join("; ", _problems));

    public async ValueTask DisposeAsync() => await _context.CloseAsync();

    private Task HlsAsync(string pathAndQuery, object? config, bool autoplay) =>
        Page.EvaluateAsync("([url, config, autoplay]) => playback.playHls(url, config, autoplay)", new object[] { pathAndQuery, config ?? new Dictionary<string, object>(), autoplay });

    private static async Task FulfilAsync(IRoute route)
    {
        var name = new Uri(route.Request.Url).AbsolutePath[Folder.Length..];
        var path = PageFiles.PathOf(name);
        await (path is null
            ? route.FulfillAsync(new RouteFulfillOptions { Status = 404, Body = $"{name} is not a test page file." })
            : route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = PageFiles.ContentTypeOf(name), Path = path }));
    }
}
