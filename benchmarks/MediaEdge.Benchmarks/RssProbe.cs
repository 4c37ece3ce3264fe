using System.Diagnostics;
using System.Globalization;
using MediaEdge.Limits;
using MediaEdge.Requests;

namespace MediaEdge.Benchmarks;

/// <summary>
/// <c>--rss-probe [photo] [jpeg|webp|avif|identify] [imagesharp|vips]</c>: one transform in a fresh process, for
/// <c>/usr/bin/time -v</c> to read the peak RSS of. <c>identify</c> reads the header only, giving the runtime's own
/// footprint (and the engine's start-up) to subtract. The engine defaults to imagesharp.
/// </summary>
internal static class RssProbe
{
    public const string Flag = "--rss-probe";

    private const string Usage = $"usage: {Flag} [photo] [jpeg|webp|avif|identify] [imagesharp|vips]";

    public static int Run(string[] args)
    {
        var photo = args.Length > 1 ? args[1] : "safe-landing-5k.jpg";
        var mode = args.Length > 2 ? args[2].ToLowerInvariant() : "jpeg";
        var engineName = args.Length > 3 ? args[3].ToLowerInvariant() : Engines.ImageSharp;
        if (engineName is not (Engines.ImageSharp or Engines.Vips))
        {
            Console.Error.WriteLine($"{Usage}; got engine '{engineName}'.");
            return 2;
        }

        var limits = new LimitsOptions();
        var engine = Engines.Create(engineName, limits);
        var source = MediaDirectory.Read(photo);
        var started = Stopwatch.GetTimestamp();

        string result;
        OutputFormat? format = mode switch
        {
            "jpeg" => OutputFormat.Jpeg,
            "webp" => OutputFormat.Webp,
            "avif" => OutputFormat.Avif,
            _ => null,
        };
        if (mode == "identify")
        {
            var info = engine.Identify(source);
            result = $"identify {info.Width}x{info.Height}";
        }
        else if (format is { } f && engine.CanEncode(f))
        {
            var output = Transform.Run(engine, limits, source, Transform.SpecFor(f));
            result = $"{output.ContentType} {output.Width}x{output.Height} {output.Bytes.Length} bytes";
        }
        else
        {
            Console.Error.WriteLine($"{Usage}; the {engineName} engine cannot do mode '{mode}'.");
            return 2;
        }

        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        using var self = Process.GetCurrentProcess();
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{engineName}: {photo} ({source.Length} bytes) -> {result} in {elapsed:F0} ms; peak working set {self.PeakWorkingSet64 / (1024.0 * 1024.0):F1} MiB, managed heap allocated {GC.GetTotalAllocatedBytes() / (1024.0 * 1024.0):F1} MiB"));
        return 0;
    }
}
