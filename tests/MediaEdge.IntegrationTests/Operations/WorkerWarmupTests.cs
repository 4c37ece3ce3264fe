using System.Text.Json;
using MediaEdge.Imaging;
using MediaEdge.Imaging.Isolation;
using MediaEdge.Imaging.Vips;
using MediaEdge.Limits;
using MediaEdge.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace MediaEdge.IntegrationTests.Operations;

/// <summary>
/// A node listens once its first imaging worker is warm and serves with it, while /readyz answers 503 "warming" until
/// the others are too (cold start, issue 13). The later workers are held at a gate (a file the test creates), so what
/// each side of it sees does not depend on timing, within the 30 s a worker may take to start
/// (the engine's start patience), which runs from the first worker's warmth to the gate's opening.
/// </summary>
public sealed class WorkerWarmupTests : IDisposable
{
    private readonly string _gate = Path.Combine(Path.GetTempPath(), "mediaedge-warmup-" + Guid.NewGuid().ToString("N")[..12]);

    public WorkerWarmupTests() => Directory.CreateDirectory(_gate);

    [Fact]
    public async Task TheFirstWarmWorker_Serves_WhileReadyzSaysWarming_UntilEveryWorkerIsWarm()
    {
        using var engine = GatedEngine();
        var app = UnstartedHost.Build(
            builder => builder.Services.AddSingleton<IImageEngine>(engine),
            "--MediaEdge:Security:RequireSignature=false",
            "--MediaEdge:Limits:MaxConcurrentTransforms=2");
        await using (app)
        {
            var address = await LoopbackApp.StartAsync(app);
            using var client = new HttpClient { BaseAddress = address };

            Assert.True(engine.WhenFirstReady.IsCompleted, "the node listened before its first worker was warm");
            Assert.False(engine.WhenReady.IsCompleted, "the workers behind the gate were warm before it opened");
            var warming = await ReadyzAsync(client);
            Assert.Equal((HttpStatusCode.ServiceUnavailable, "unready", "warming"), warming);

            var image = await client.GetReplyAsync("/img/local/small.jpg?w=100&fm=webp");
            Assert.Equal(HttpStatusCode.OK, image.Status);
            Assert.True(Magic.IsWebp(image.Body), image.ToString());
            Assert.Equal(100, Pixels.Size(image.Body).Width);

            await File.WriteAllTextAsync(Path.Combine(_gate, "open"), "");
            await engine.WhenReady.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal((HttpStatusCode.OK, "ready", "ok"), await ReadyzAsync(client));

            // One per transform slot and a spare, all warm.
            Assert.Equal(3, engine.IdleWorkers);
        }
    }

    [Fact]
    public async Task AnEngineDisposedWhileItsLaterWorkersWarm_IsNoLongerWaitedFor()
    {
        var engine = GatedEngine();
        await engine.WhenFirstReady.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(engine.WhenReady.IsCompleted, "the workers behind the gate were warm before it opened");

        engine.Dispose();

        // Within a second, long before the gated workers' start patience (30 s) could end their wait.
        await engine.WhenReady.WaitAsync(TimeSpan.FromSeconds(1));
        Assert.Equal(0, engine.IdleWorkers);
    }

    public void Dispose() => Directory.Delete(_gate, recursive: true);

    /// <summary>The vips engine in workers, where every worker after the first waits for the gate to open before it starts.</summary>
    private IsolatedImageEngine GatedEngine()
    {
        var limits = new LimitsOptions { MaxConcurrentTransforms = 2 };
        var imaging = new ImagingOptions();
        var kind = new VipsEngineKind();
        var worker = WorkerCommand.ForApplication(typeof(MediaEdgeHost).Assembly.Location, kind.WorkerRuntimeSettings, ImagingWorkerHost.Arguments(kind.Name, limits, imaging));
        const string Script = """if mkdir "$GATE/first" 2>/dev/null; then exec "$@"; fi; while [ ! -e "$GATE/open" ]; do [ -d "$GATE" ] || exit 1; sleep 0.05; done; exec "$@" """;
        var gated = new WorkerCommand("/bin/sh", ["-c", Script, "sh", worker.FileName, .. worker.Arguments], new Dictionary<string, string>(worker.Environment) { ["GATE"] = _gate });
        return new IsolatedImageEngine(kind.Create(limits, imaging), gated, limits.EffectiveConcurrency, TimeSpan.FromSeconds(30), _ => false, NullLogger<IsolatedImageEngine>.Instance);
    }

    private static async Task<(HttpStatusCode Status, string State, string Imaging)> ReadyzAsync(HttpClient client)
    {
        var reply = await client.GetReplyAsync("/readyz");
        using var json = JsonDocument.Parse(reply.Body);
        return (reply.Status, json.RootElement.GetProperty("status").GetString() ?? "", json.RootElement.GetProperty("imaging").GetString() ?? "");
    }
}
