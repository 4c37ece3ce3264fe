using MediaEdge.IntegrationTests.Video;

namespace MediaEdge.IntegrationTests.Browser;

/// <summary>
/// Base of the browser tests (each in <see cref="SystemChromium.Collection"/>): the shared Chromium, a video server per
/// class, and a page of that server's origin per test.
/// </summary>
public abstract class PlaybackTest : ServerTest, IClassFixture<VideoServer>
{
    private readonly SystemChromium _chromium;

    protected PlaybackTest(VideoServer fixture, SystemChromium chromium, ITestOutputHelper output)
        : base(fixture)
    {
        _chromium = chromium;
        Output = output;
    }

    protected ITestOutputHelper Output { get; }

    protected Task<PlaybackPage> OpenPageAsync() => PlaybackPage.OpenAsync(_chromium, Server);
}
