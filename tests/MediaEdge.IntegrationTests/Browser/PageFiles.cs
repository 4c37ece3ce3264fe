namespace MediaEdge.IntegrationTests.Browser;

/// <summary>
/// The files <see cref="PlaybackPage"/> serves under <see cref="PlaybackPage.Folder"/> of the server's origin: the test
/// page, copied beside the test binaries, and hls.js from tests/browser/node_modules (npm ci there, as scripts/test.sh
/// does). A missing file fails the test that asks, saying what to run; it never skips it.
/// </summary>
public static class PageFiles
{
    private static readonly Lazy<string> HlsScriptPath = new(FindHlsScript);

    /// <summary>The file to answer <paramref name="name"/> with, or null for a name the page does not ask for.</summary>
    public static string? PathOf(string name) => name switch
    {
        "playback.html" => Path.Combine(AppContext.BaseDirectory, "Browser", "playback.html"),
        "hls.min.js" => HlsScriptPath.Value,
        _ => null,
    };

    public static string ContentTypeOf(string name) =>
        name.EndsWith(".js", StringComparison.Ordinal) ? "text/javascript" : "text/html; charset=utf-8";

    private static string FindHlsScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var browser = Path.Combine(dir.FullName, "tests", "browser");
            if (File.Exists(Path.Combine(browser, "package.json")))
            {
                var script = Path.Combine(browser, "node_modules", "hls.js", "dist", "hls.min.js");
                return File.Exists(script)
                    ? script
                    : throw new InvalidOperationException($"{script} is missing; run 'npm ci' in {browser} (scripts/test.sh does).");
            }
        }

        throw new InvalidOperationException($"tests/browser/package.json was not found above {AppContext.BaseDirectory}.");
    }
}
