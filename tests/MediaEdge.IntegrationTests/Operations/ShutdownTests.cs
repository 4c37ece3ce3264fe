using System.Diagnostics;
using System.Net.Sockets;
using MediaEdge.Origins;
using Microsoft.Extensions.DependencyInjection;
using SixLabors.ImageSharp;

namespace MediaEdge.IntegrationTests.Operations;

/// <summary>
/// Stopping a node (what SIGTERM does): it refuses new connections at once, lets the requests in flight finish within
/// Shutdown:DrainSeconds, and leaves no ffmpeg behind, killing a job that outlasts the drain.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class ShutdownTests : IDisposable
{
    /// <summary>The repository's sample video, 8 s of 1080x1920 H.264, served by this test's own source.</summary>
    private const string Video = "/video/ops/portrait.mp4";
    private static readonly int[] Widths = [1600, 1200, 800];
    private readonly ITestOutputHelper _output;
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("mediaedge-ops-");

    public ShutdownTests(ITestOutputHelper output)
    {
        _output = output;
        File.Copy(RepositoryFile("samples/portrait-1080x1920.mp4"), Path.Combine(_folder.FullName, "portrait.mp4"));
    }

    /// <summary>This test's folder, served as the source <c>ops</c>.</summary>
    private Dictionary<string, string?> Settings(int drainSeconds) => new()
    {
        ["MediaEdge:Shutdown:DrainSeconds"] = Text(drainSeconds),
        ["MediaEdge:Sources:ops:Kind"] = "FileSystem",
        ["MediaEdge:Sources:ops:Root"] = _folder.FullName,
    };

    [Fact]
    public async Task StopWithRequestsInFlight_EachCompletesWith200_NewConnectionsAreRefused_AndNoFfmpegIsLeft()
    {
        const int DrainSeconds = 20;

        // A 2560x1600 photo behind an origin that takes 1 s per read: the image requests are surely in flight when the stop comes.
        for (var i = 0; i < Widths.Length; i++)
        {
            File.Copy(RepositoryFile("samples/colorful-cups.jpg"), Path.Combine(_folder.FullName, $"photo-{i}.jpg"));
        }

        var slow = new DelayedOrigin("slow", _folder.FullName, TimeSpan.FromSeconds(1));
        await using var node = await MediaEdgeServer.StartAsync(new ServerOptions { Settings = Settings(DrainSeconds), Services = services => services.AddSingleton(new NamedOrigin("slow", slow)), Freshness = null });
        using var client = node.CreateClient(out var guard);
        await AssertNoFfmpegChildAsync(TimeSpan.FromSeconds(5));

        var storyboard = client.GetReplyAsync($"{Video}/storyboard.jpg");
        Assert.True(await Eventually.WithinAsync(ChildProcessTable.FfmpegRunning, TimeSpan.FromSeconds(15)), "ffmpeg never started for the storyboard");
        var images = Widths.Select((w, i) => client.GetReplyAsync($"/img/slow/photo-{i}.jpg?w={Text(w)}&fm=jpg")).ToArray();
        Assert.True(await Eventually.WithinAsync(() => slow.Reads == Widths.Length, TimeSpan.FromSeconds(5)), $"{slow.Reads} of {Widths.Length} image requests reached the origin");
        Task<Reply>[] inFlight = [storyboard, .. images];
        Assert.True(inFlight.All(t => !t.IsCompleted), "a request finished before the stop: the test did not stop the node under load");

        var stopwatch = Stopwatch.StartNew();
        var stopping = node.StopAsync();
        var doneAfter = inFlight.Select(t => t.ContinueWith(_ => stopwatch.Elapsed, TaskScheduler.Default)).ToArray();
        var refusedAfter = await WaitForRefusalAsync(node.Port, TimeSpan.FromSeconds(3));
        var runningAtRefusal = inFlight.Count(t => !t.IsCompleted);
        var replies = await Task.WhenAll(inFlight).WaitAsync(TimeSpan.FromSeconds(DrainSeconds + 20));
        var done = await Task.WhenAll(doneAfter);
        await stopping.WaitAsync(TimeSpan.FromSeconds(DrainSeconds + 20));
        var stoppedAfter = stopwatch.Elapsed;
        var left = ChildProcessTable.FfmpegOrZombies();

        _output.WriteLine($"new connections refused {refusedAfter.TotalMilliseconds:0} ms after StopAsync began, with {runningAtRefusal} of {inFlight.Length} requests still running; "
            + $"requests done after {string.Join(", ", done.Select(d => $"{d.TotalMilliseconds:0}"))} ms (storyboard, then images); StopAsync returned after {stoppedAfter.TotalMilliseconds:0} ms (drain {DrainSeconds} s)");
        Assert.True(runningAtRefusal > 0, "every request had finished before new connections were refused: nothing was drained");
        Assert.Empty(left);
        Assert.True(stoppedAfter < TimeSpan.FromSeconds(DrainSeconds), $"StopAsync took {stoppedAfter.TotalSeconds:0.0} s: it sat out the whole drain though the work was done");

        var board = replies[0];
        Assert.Equal(HttpStatusCode.OK, board.Status);
        Assert.Equal("image/jpeg", board.ContentType);
        Assert.True(Image.Identify(board.Body).Width > 0, board.ToString());
        for (var i = 0; i < Widths.Length; i++)
        {
            var image = replies[i + 1];
            Assert.Equal(HttpStatusCode.OK, image.Status);
            Assert.Equal("image/jpeg", image.ContentType);
            var size = Image.Identify(image.Body);
            Assert.Equal((Widths[i], Widths[i] * 1600 / 2560), (size.Width, size.Height));
        }

        Assert.True(await IsRefusedAsync(node.Port), "a new connection was accepted after StopAsync returned");
        guard.AssertNoServerFailure();
    }

    [Fact]
    public async Task StopWithOneSecondDrainWhileALongFfmpegJobRuns_StopReturnsPromptly_TheJobIs503_AndFfmpegIsGone()
    {
        var settings = Settings(drainSeconds: 1);
        settings["MediaEdge:Video:TimeoutSeconds"] = "120";
        await using var node = await MediaEdgeServer.StartAsync(new ServerOptions { Settings = settings, Freshness = null });
        using var client = node.CreateClient(out var guard);
        await AssertNoFfmpegChildAsync(TimeSpan.FromSeconds(5));

        // All 8 s of 1080x1920 at 30 fps into a 640-pixel-high GIF with its own palette: seconds of ffmpeg.
        var job = client.GetReplyAsync($"{Video}/animated.gif?start=0&end=8&fps=30&h=640");
        Assert.True(await Eventually.WithinAsync(ChildProcessTable.FfmpegRunning, TimeSpan.FromSeconds(15)), "ffmpeg never started for the animated preview");
        await Task.Delay(500);
        Assert.False(job.IsCompleted, "the preview finished before the stop");

        var stopwatch = Stopwatch.StartNew();
        await node.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var stoppedAfter = stopwatch.Elapsed;
        var leftAtReturn = ChildProcessTable.FfmpegOrZombies();
        var reply = await job.WaitAsync(TimeSpan.FromSeconds(10));

        _output.WriteLine($"StopAsync returned after {stoppedAfter.TotalMilliseconds:0} ms (drain 1 s); ffmpeg children at its return: {leftAtReturn.Count}; the preview got {reply} {ProblemText(reply)}");
        Assert.True(stoppedAfter < TimeSpan.FromSeconds(4), $"StopAsync took {stoppedAfter.TotalSeconds:0.0} s with a 1 s drain");
        Assert.Empty(leftAtReturn);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, reply.Status);
        var problem = reply.Problem();
        Assert.Equal("urn:mediaedge:problem:shutting-down", problem.GetProperty("type").GetString());
        Assert.NotNull(reply.Header("Retry-After"));
        guard.AssertNoServerFailure();
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private static string ProblemText(Reply reply) =>
        reply.ContentType == "application/problem+json" ? System.Text.Encoding.UTF8.GetString(reply.Body) : "";

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static async Task AssertNoFfmpegChildAsync(TimeSpan limit)
    {
        if (!await Eventually.WithinAsync(() => ChildProcessTable.FfmpegOrZombies().Count == 0, limit))
        {
            Assert.Fail("Before the test, children of the test process remain: " + string.Join(", ", ChildProcessTable.FfmpegOrZombies()));
        }
    }

    /// <summary>Opens new TCP connections to the port until one is refused; fails after <paramref name="limit"/>.</summary>
    private static async Task<TimeSpan> WaitForRefusalAsync(int port, TimeSpan limit)
    {
        var waited = Stopwatch.StartNew();
        await Eventually.UntilAsync(() => IsRefusedAsync(port), "new connections to be refused after StopAsync began", limit);
        return waited.Elapsed;
    }

    private static async Task<bool> IsRefusedAsync(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port)).WaitAsync(TimeSpan.FromSeconds(2));
            return false;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return true;
        }
    }

    /// <summary>A file of the repository, found from the test's output folder upwards.</summary>
    private static string RepositoryFile(string relative)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var path = Path.Combine(folder.FullName, relative);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException($"No {relative} above {AppContext.BaseDirectory}.");
    }
}
