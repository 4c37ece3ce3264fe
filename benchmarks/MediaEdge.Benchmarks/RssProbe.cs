using System.Diagnostics;
using System.Globalization;
using MediaEdge.Imaging.ImageSharp;
using MediaEdge.Limits;
using MediaEdge.Requests;

namespace MediaEdge.Benchmarks;

/// <summary>
/// <c>--rss-probe [photo] [jpeg|webp|identify]</c>: one transform in a fresh process, for <c>/usr/bin/time -v</c> to read the peak RSS of.
/// <c>identify</c> reads the header only, giving the runtime's own footprint to subtract.
/// </summary>
internal static class RssProbe
{
    public const string Flag = "--rss-probe";

    public static int Run(string[] args)
    {
        var photo = args.Length > 1 ? args[1] : "safe-landing-5k.jpg";
        var mode = args.Length > 2 ? args[2].ToLowerInvariant() : "jpeg";
        var limits = new LimitsOptions();
        var engine = new ImageSharpEngine(limits);
        var source = MediaDirectory.Read(photo);
        var started = Stopwatch.GetTimestamp();

        string result;
        switch (mode)
        {
            case "identify":
                var info = engine.Identify(source);
                result = $"identify {info.Width}x{info.Height}";
                break;
            case "jpeg" or "webp":
                var output = Transform.Run(engine, limits, source, Transform.SpecFor(mode == "jpeg" ? OutputFormat.Jpeg : OutputFormat.Webp));
                result = $"{output.ContentType} {output.Width}x{output.Height} {output.Bytes.Length} bytes";
                break;
            default:
                Console.Error.WriteLine($"usage: {Flag} [photo] [jpeg|webp|identify]; got mode '{mode}'.");
                return 2;
        }

        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        using var self = Process.GetCurrentProcess();
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{photo} ({source.Length} bytes) -> {result} in {elapsed:F0} ms; peak working set {self.PeakWorkingSet64 / (1024.0 * 1024.0):F1} MiB, managed heap allocated {GC.GetTotalAllocatedBytes() / (1024.0 * 1024.0):F1} MiB"));
        return 0;
    }
}
