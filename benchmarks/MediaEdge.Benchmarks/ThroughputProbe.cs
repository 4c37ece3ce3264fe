using System.Diagnostics;
using System.Globalization;
using MediaEdge.Imaging;
using MediaEdge.Limits;

namespace MediaEdge.Benchmarks;

/// <summary>
/// <c>--throughput [--rounds N] [--renders N] [--threads N] [photo ...]</c>: images per second with N renders side by side
/// (default 2, one per core, as the server's transform gate runs them), for every engine and format of
/// <see cref="TransformCase.All"/>. The cases take turns within each round, so a change in machine load hits all of them,
/// and each ratio compares with ImageSharp's JPEG of the same photo in the same round.
/// </summary>
internal static class ThroughputProbe
{
    public const string Flag = "--throughput";

    public static int Run(string[] args)
    {
        int rounds = 5, renders = 3, threads = 2;
        var photos = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--rounds" when i + 1 < args.Length:
                    rounds = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--renders" when i + 1 < args.Length:
                    renders = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--threads" when i + 1 < args.Length:
                    threads = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                default:
                    photos.Add(args[i]);
                    break;
            }
        }

        if (photos.Count == 0)
        {
            photos.AddRange(BenchPhotos.All);
        }

        var limits = new LimitsOptions();
        var engines = TransformCase.All.Select(c => c.Engine).Distinct().ToDictionary(n => n, n => Engines.Create(n, limits));
        var sources = photos.ToDictionary(p => p, MediaDirectory.Read);
        var rates = new Dictionary<(string Photo, string Method), List<double>>();
        var ratios = new Dictionary<(string Photo, string Method), List<double>>();

        Console.WriteLine($"{threads} threads x {renders} renders per case, {rounds} rounds; load average at the start {LoadAverage.Read()}");
        foreach (var photo in photos)
        {
            foreach (var c in TransformCase.All)
            {
                // Warm-up: JIT, ImageSharp's pools, libvips's start-up.
                RunCase(engines[c.Engine], limits, sources[photo], c, threads, 1);
            }
        }

        for (var round = 0; round < rounds; round++)
        {
            foreach (var photo in photos)
            {
                var cases = TransformCase.All;
                var perRound = new Dictionary<string, double>();

                // Rotate the order each round, so no case always runs first or last.
                for (var k = 0; k < cases.Count; k++)
                {
                    var c = cases[(k + round) % cases.Count];
                    var rate = RunCase(engines[c.Engine], limits, sources[photo], c, threads, renders);
                    perRound[c.Method] = rate;
                    Add(rates, (photo, c.Method), rate);
                }

                var baseline = perRound[TransformCase.All[0].Method];
                foreach (var (method, rate) in perRound)
                {
                    Add(ratios, (photo, method), rate / baseline);
                }
            }

            Console.WriteLine($"round {round + 1}/{rounds} done; load average {LoadAverage.Read()}");
        }

        Console.WriteLine();
        Console.WriteLine($"| Photo | Case | images/s ({threads} threads), median | min–max | ms per image ({threads} at once) | ratio to ImageSharpJpeg (same round), median |");
        Console.WriteLine("|---|---|--:|--:|--:|--:|");
        foreach (var photo in photos)
        {
            foreach (var c in TransformCase.All)
            {
                var r = rates[(photo, c.Method)];
                var median = Median(r);
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"| {photo} | {c.Method} | {median:F2} | {r.Min():F2}–{r.Max():F2} | {threads * 1000 / median:F0} | {Median(ratios[(photo, c.Method)]):F2} |"));
            }
        }

        Console.WriteLine($"load average at the end {LoadAverage.Read()}");
        return 0;
    }

    private static double RunCase(IImageEngine engine, LimitsOptions limits, byte[] source, TransformCase c, int threads, int renders)
    {
        var spec = Transform.SpecFor(c.Format);
        var started = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
        {
            for (var i = 0; i < renders; i++)
            {
                Transform.Run(engine, limits, source, spec);
            }
        })).ToList();
        workers.ForEach(t => t.Start());
        workers.ForEach(t => t.Join());
        return threads * renders / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static void Add(Dictionary<(string, string), List<double>> into, (string, string) key, double value)
    {
        if (!into.TryGetValue(key, out var list))
        {
            into[key] = list = [];
        }

        list.Add(value);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
