using System.Diagnostics;
using System.Globalization;
using MediaEdge.Imaging;
using MediaEdge.Imaging.Vips;
using MediaEdge.Limits;
using MediaEdge.Requests;
using NetVips;
using VImage = NetVips.Image;

namespace MediaEdge.Benchmarks;

/// <summary>
/// <c>--quality-sweep [--out DIR] [--runs N] [photo ...]</c>: WebP and AVIF from the vips engine at several q, each scored
/// against the 800 px lossless PNG render of the same photo (SSIM and PSNR of luma). Prints, per q: output bytes, the
/// median time of the whole render and of the encoder alone, and the scores; then the lowest AVIF q that matches WebP at
/// the default q 75.
/// </summary>
internal static class QualitySweep
{
    public const string Flag = "--quality-sweep";

    private static readonly int[] WebpQualities = [50, 60, 70, 75, 80, 90];
    private static readonly int[] AvifQualities = [30, 40, 45, 50, 55, 60, 65, 75];

    public static int Run(string[] args)
    {
        string? outDir = null;
        var runs = 3;
        var photos = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--out" when i + 1 < args.Length:
                    outDir = args[++i];
                    break;
                case "--runs" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var r) && r > 0:
                    runs = r;
                    i++;
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

        if (outDir is not null)
        {
            Directory.CreateDirectory(outDir);
        }

        var limits = new LimitsOptions();
        var engine = (VipsEngine)Engines.Create(Engines.Vips, limits);
        var options = new ImagingOptions();
        Console.WriteLine($"libvips {engine.Version}; WebP effort 4, AVIF (AV1) effort {options.AvifEffort}, as VipsEngine encodes them; {runs} timed runs each, median; load average {LoadAverage.Read()}");
        Console.WriteLine();
        Console.WriteLine("| Photo | Format | q | Bytes | Render ms | Encode ms | SSIM-Y | PSNR-Y dB |");
        Console.WriteLine("|---|---|--:|--:|--:|--:|--:|--:|");

        var summary = new List<string>();
        foreach (var photo in photos)
        {
            var source = MediaDirectory.Read(photo);
            var reference = Transform.Run(engine, limits, source, Transform.SpecFor(OutputFormat.Png));
            var (refRgb, width, height) = DecodeRgb(reference.Bytes.ToArray());
            var refLuma = Ssim.Luma(refRgb, width, height);
            Save(outDir, photo, "reference.png", reference.Bytes.Span);
            using var pixels = VImage.NewFromMemory(refRgb, width, height, 3, Enums.BandFormat.Uchar);

            var scores = new Dictionary<(OutputFormat Format, int Q), double>();
            foreach (var (format, qualities) in new[] { (OutputFormat.Webp, WebpQualities), (OutputFormat.Avif, AvifQualities) })
            {
                foreach (var q in qualities)
                {
                    var spec = Transform.SpecFor(format, q);
                    var output = Transform.Run(engine, limits, source, spec);
                    var renderMs = Median(runs, () => Transform.Run(engine, limits, source, spec));
                    byte[] encoded = [];
                    var encodeMs = Median(runs, () => encoded = Encode(pixels, format, q, options.AvifEffort));
                    if (!encoded.AsSpan().SequenceEqual(output.Bytes.Span))
                    {
                        // The encoder-only call mirrors VipsEngine's settings; different bytes mean it no longer does.
                        Console.Error.WriteLine($"warning: {photo} {format} q{q}: encoder-only output ({encoded.Length} bytes) differs from the engine's ({output.Bytes.Length} bytes).");
                    }

                    var (rgb, w, h) = DecodeRgb(output.Bytes.ToArray());
                    if (w != width || h != height)
                    {
                        throw new InvalidOperationException($"{photo} {format} q{q} decoded to {w}x{h}, the reference is {width}x{height}.");
                    }

                    var luma = Ssim.Luma(rgb, w, h);
                    var ssim = Ssim.Score(refLuma, luma, w, h);
                    scores[(format, q)] = ssim;
                    var extension = format == OutputFormat.Webp ? "webp" : "avif";
                    Save(outDir, photo, $"q{q}.{extension}", output.Bytes.Span);
                    Console.WriteLine(string.Create(
                        CultureInfo.InvariantCulture,
                        $"| {photo} ({width}x{height}) | {extension} | {q} | {output.Bytes.Length:N0} | {renderMs:F0} | {encodeMs:F0} | {ssim:F4} | {Ssim.Psnr(refLuma, luma):F2} |"));
                }
            }

            var target = scores[(OutputFormat.Webp, 75)];
            var match = AvifQualities.Where(q => scores[(OutputFormat.Avif, q)] >= target).Cast<int?>().FirstOrDefault();
            summary.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"{photo}: WebP q75 SSIM-Y {target:F4}; lowest AVIF q at or above it: {(match is { } m ? $"q{m} ({scores[(OutputFormat.Avif, m)]:F4})" : "none of " + string.Join(',', AvifQualities))}"));
        }

        Console.WriteLine();
        foreach (var line in summary)
        {
            Console.WriteLine(line);
        }

        Console.WriteLine($"load average at the end {LoadAverage.Read()}");
        return 0;
    }

    private static byte[] Encode(VImage image, OutputFormat format, int q, int avifEffort) => format switch
    {
        OutputFormat.Webp => image.WebpsaveBuffer(q: q, effort: 4, keep: Enums.ForeignKeep.None),
        OutputFormat.Avif => image.HeifsaveBuffer(q: q, compression: Enums.ForeignHeifCompression.Av1, effort: avifEffort, keep: Enums.ForeignKeep.None),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "the sweep compares WebP and AVIF"),
    };

    private static (byte[] Rgb, int Width, int Height) DecodeRgb(byte[] encoded)
    {
        using var image = VImage.NewFromBuffer(encoded);
        using var flat = image.HasAlpha() ? image.Flatten([255, 255, 255]) : image.Copy();
        using var srgb = flat.Interpretation == Enums.Interpretation.Srgb ? flat.Copy() : flat.Colourspace(Enums.Interpretation.Srgb);
        using var rgb = srgb.Bands == 3 ? srgb.Copy() : srgb.ExtractBand(0, 3);
        using var bytes = rgb.Format == Enums.BandFormat.Uchar ? rgb.Copy() : rgb.Cast(Enums.BandFormat.Uchar);
        return (bytes.WriteToMemory<byte>(), bytes.Width, bytes.Height);
    }

    private static double Median(int runs, Action action)
    {
        var times = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            action();
            times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        Array.Sort(times);
        return times[runs / 2];
    }

    private static void Save(string? outDir, string photo, string name, ReadOnlySpan<byte> bytes)
    {
        if (outDir is not null)
        {
            File.WriteAllBytes(Path.Combine(outDir, $"{Path.GetFileNameWithoutExtension(photo)}.{name}"), bytes.ToArray());
        }
    }
}
