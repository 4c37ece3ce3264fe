using Microsoft.Playwright;

namespace MediaEdge.IntegrationTests.Browser;

/// <summary>
/// Debian's Chromium (<c>/usr/bin/chromium</c>, installed by scripts/test.sh), headless, driven by Playwright for .NET
/// through the driver inside its NuGet package; Playwright's own browser download is never used. Started once for the
/// collection; each test opens its own <see cref="PlaybackPage"/>.
/// </summary>
public sealed class SystemChromium : IAsyncLifetime
{
    public const string Collection = "system chromium";

    /// <summary>Debian's launcher script, which sets its flags from /etc/chromium.d and runs /usr/lib/chromium/chromium.</summary>
    public const string ExecutablePath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Chromium has not started.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"The browser tests need Debian's chromium at {ExecutablePath}; scripts/test.sh installs it (apt-get install chromium).");
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Timeout = 60_000,
            Args =
            [
                // Tests run as root in a container, where Chromium's sandbox cannot start.
                "--no-sandbox",
                "--autoplay-policy=no-user-gesture-required",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}

[CollectionDefinition(SystemChromium.Collection)]
public sealed class SystemChromiumCollection : ICollectionFixture<SystemChromium>;
