using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MediaEdge.Composition;
using MediaEdge.Limits;
using MediaEdge.Negotiation;
using MediaEdge.Requests;

namespace MediaEdge.Imaging.Isolation;

/// <summary>
/// The worker side: the application started with <see cref="Mode"/> runs jobs read from stdin with one engine and writes
/// the results to stdout, one at a time, until stdin closes. A cancel read while a job runs fires the job's token; the node
/// kills the process if that does not stop it. The worker also ends itself if the node that started it is gone.
/// </summary>
public static class ImagingWorkerHost
{
    /// <summary>The first command-line argument of a worker.</summary>
    public const string Mode = "imaging-worker";

    /// <summary>The arguments that start a worker running <paramref name="engine"/> with these options.</summary>
    public static string[] Arguments(string engine, LimitsOptions limits, ImagingOptions imaging) =>
        [Mode, engine, JsonSerializer.Serialize(new WorkerOptions(limits, imaging), WorkerJson.Default.WorkerOptions)];

    /// <summary>Runs the worker loop on this process's stdin and stdout with the engine of <paramref name="engines"/> that <paramref name="args"/> name (those after <see cref="Mode"/>).</summary>
    public static int Run(string[] args, NamedExtensions<IEngineKind> engines)
    {
        var options = JsonSerializer.Deserialize(args[1], WorkerJson.Default.WorkerOptions) ?? throw new ArgumentException("The worker's options are missing.", nameof(args));
        var engineKind = engines.Find(args[0]) ?? throw new ArgumentException($"No engine is named '{args[0]}'.", nameof(args));
        var engine = engineKind.Create(options.Limits, options.Imaging);
        using var input = Console.OpenStandardInput();
        using var output = Console.OpenStandardOutput();

        // Only the protocol may reach stdout.
        Console.SetOut(Console.Error);
        WatchParent();
        Warm(engine, options.Limits);

        using var reader = WorkerProtocol.Reader(new BufferedStream(input, 1 << 16));
        using var writer = WorkerProtocol.Writer(new BufferedStream(output, 1 << 16));
        writer.Write(WorkerProtocol.Ready);
        writer.Flush();

        using var jobs = new BlockingCollection<(byte Kind, ImagePlan? Plan, byte[] Source)>();
        CancellationTokenSource? current = null;
        var listener = new Thread(() =>
        {
            try
            {
                while (WorkerProtocol.ReadMessage(reader) is { } message)
                {
                    if (message.Kind == WorkerProtocol.Cancel)
                    {
                        // A cancel that comes after its job ended finds nothing to stop.
                        try
                        {
                            Volatile.Read(ref current)?.Cancel();
                        }
                        catch (ObjectDisposedException)
                        {
                        }
                    }
                    else
                    {
                        jobs.Add((message.Kind, message.Plan, message.Source!));
                    }
                }
            }
            finally
            {
                jobs.CompleteAdding();
            }
        })
        {
            IsBackground = true,
            Name = "job reader",
        };
        listener.Start();

        foreach (var (kind, plan, source) in jobs.GetConsumingEnumerable())
        {
            using var job = new CancellationTokenSource();
            Volatile.Write(ref current, job);
            try
            {
                if (kind == WorkerProtocol.IdentifyJob)
                {
                    var info = engine.Identify(source);
                    Volatile.Write(ref current, null);
                    WorkerProtocol.WriteInfo(writer, info);
                }
                else
                {
                    // One render at a time per worker: the process's CPU over the render is the render's, every libvips thread included.
                    var cpuBefore = Environment.CpuUsage.TotalTime;
                    var image = engine.Render(source, plan!, job.Token);
                    Volatile.Write(ref current, null);
                    WorkerProtocol.WriteImage(writer, image with { CpuMilliseconds = (Environment.CpuUsage.TotalTime - cpuBefore).TotalMilliseconds });
                }
            }
            catch (Exception) when (job.IsCancellationRequested)
            {
                Volatile.Write(ref current, null);
                WorkerProtocol.WriteCancelled(writer);
            }
            catch (ProblemException problem)
            {
                Volatile.Write(ref current, null);
                WorkerProtocol.WriteProblem(writer, problem);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Volatile.Write(ref current, null);
                WorkerProtocol.WriteFailure(writer, e);
            }
        }

        return 0;
    }

    /// <summary>
    /// Runs the common paths once before the first real job (PNG and JPEG in, with shrink-on-load; JPEG, PNG and WebP out)
    /// the way a job comes: its plan through the protocol's JSON both ways (whose first use cost a fresh worker's first job
    /// 300–700 ms of set-up), rendered under a token that can be cancelled, and the reply written. The two sources, a 64×40
    /// gradient, are embedded files: drawing and encoding them with ImageSharp at each start cost a libvips worker about
    /// 100 ms of its 430 ms start.
    /// </summary>
    internal static void Warm(IImageEngine engine, LimitsOptions limits)
    {
        using var cancel = new CancellationTokenSource();
        foreach (var source in new[] { WarmSource("gradient-64x40.png"), WarmSource("gradient-64x40.jpg") })
        {
            var info = engine.Identify(source);
            foreach (var format in new[] { OutputFormat.Jpeg, OutputFormat.Png, OutputFormat.Webp })
            {
                var plan = ImagePlanner.Create(info, new TransformSpec { Width = Dimension.Pixels(16), Format = format }, limits, engine.CanAnimate);
                using var buffer = new MemoryStream();
                using (var writer = WorkerProtocol.Writer(buffer))
                {
                    WorkerProtocol.WriteRender(writer, plan, source);
                }

                buffer.Position = 0;
                using var reader = WorkerProtocol.Reader(buffer);
                var (_, sent, bytes) = WorkerProtocol.ReadMessage(reader)!.Value;
                using var reply = WorkerProtocol.Writer(Stream.Null);
                WorkerProtocol.WriteImage(reply, engine.Render(bytes!, sent!, cancel.Token));
            }
        }
    }

    private static byte[] WarmSource(string name)
    {
        using var resource = typeof(ImagingWorkerHost).Assembly.GetManifestResourceStream("MediaEdge.Warm." + name)
            ?? throw new InvalidOperationException($"The warm-up source {name} is not embedded.");
        using var buffer = new MemoryStream();
        resource.CopyTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>On Linux, polls the parent: a node killed outright must not leave a worker spinning on a job.</summary>
    private static void WatchParent()
    {
        if (!OperatingSystem.IsLinux() || ParentId() is not { } parent)
        {
            return;
        }

        var watch = new Thread(() =>
        {
            while (ParentId() == parent)
            {
                Thread.Sleep(250);
            }

            Process.GetCurrentProcess().Kill();
        })
        {
            IsBackground = true,
            Name = "parent watch",
        };
        watch.Start();
    }

    private static int? ParentId()
    {
        var stat = File.ReadAllText("/proc/self/stat");

        // "pid (comm) state ppid …": the name may hold spaces and parentheses, so fields count from the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return fields.Length > 1 && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var parent) ? parent : null;
    }
}
