using System.Globalization;
using System.Text;

namespace MediaEdge.Load;

/// <summary>The measured requests of one run and the figures drawn from them.</summary>
internal sealed class LoadReport(IReadOnlyList<Sample> samples, TimeSpan elapsed, bool stoppedByTime, MemoryReport? memory)
{
    public IReadOnlyList<Sample> Samples { get; } = samples;

    public TimeSpan Elapsed { get; } = elapsed;

    public bool StoppedByTime { get; } = stoppedByTime;

    public MemoryReport? Memory { get; } = memory;

    /// <summary>Completed requests per second of wall time, failures included.</summary>
    public double Throughput => Samples.Count / Math.Max(Elapsed.TotalSeconds, 1e-9);

    public int Failed => Samples.Count(IsFailure);

    public double ErrorRate => Samples.Count == 0 ? 0 : (double)Failed / Samples.Count;

    public double HitRatio
    {
        get
        {
            var tiered = Samples.Where(s => s.Tier is not null).ToList();
            return tiered.Count == 0 ? 0 : (double)tiered.Count(s => s.Tier!.StartsWith("hit", StringComparison.Ordinal)) / tiered.Count;
        }
    }

    public static bool IsFailure(Sample s) => s.Error is not null || s.Status is not (>= 200 and < 300 or 304);

    /// <summary>Nearest-rank percentile of latency, in milliseconds.</summary>
    public double Latency(double percentile) => Percentile(Samples.Select(s => s.Milliseconds), percentile);

    public static double Percentile(IEnumerable<double> values, double percentile)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public string Render(IReadOnlyList<Check> checks)
    {
        var b = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        b.AppendLine(inv, $"completed {Samples.Count} request(s) in {Elapsed.TotalSeconds:F1} s{(StoppedByTime ? " (stopped by the time limit)" : "")}: {Throughput:F2} req/s");
        if (Samples.Count > 0)
        {
            b.AppendLine(inv, $"latency ms: p50 {Latency(50):F1}  p90 {Latency(90):F1}  p99 {Latency(99):F1}  max {Samples.Max(s => s.Milliseconds):F1}  mean {Samples.Average(s => s.Milliseconds):F1}");
            var transforms = Samples.Where(s => s.TransformMilliseconds is not null).Select(s => s.TransformMilliseconds!.Value).ToList();
            if (transforms.Count > 0)
            {
                b.AppendLine(inv, $"server transform ms (Server-Timing, {transforms.Count} transforms): p50 {Percentile(transforms, 50):F1}  p90 {Percentile(transforms, 90):F1}  p99 {Percentile(transforms, 99):F1}");
            }
        }

        b.AppendLine("status: " + Counts(Samples.Where(s => s.Error is null).Select(s => s.Status.ToString(inv))));
        b.AppendLine("cache: " + Counts(Samples.Where(s => s.Tier is not null).Select(s => s.Tier!)));
        b.AppendLine("content types: " + Counts(Samples.Where(s => s.ContentType is not null).Select(s => s.ContentType!)));
        var errors = Samples.Where(s => s.Error is not null).Select(s => s.Error!).ToList();
        b.AppendLine("errors: " + (errors.Count == 0 ? "none" : Counts(errors)));
        var bytes = Samples.Sum(s => s.Bytes);
        b.AppendLine(inv, $"bytes received: {bytes:N0} ({(Samples.Count == 0 ? 0 : bytes / Samples.Count):N0} per response)");
        if (Memory is { } m)
        {
            b.AppendLine(inv, $"server RSS (pid {m.Pid}): at the start {m.StartKiB / 1024.0:F0} MiB, peak sampled {m.PeakSampledKiB / 1024.0:F0} MiB, at the end {m.EndKiB / 1024.0:F0} MiB, VmHWM (lifetime peak) {(m.HighWaterKiB is { } h ? $"{h / 1024.0:F0} MiB" : "unknown")}");
        }

        foreach (var check in checks)
        {
            b.AppendLine(inv, $"check {(check.Passed ? "ok  " : "FAIL")} {check.What}: {check.Actual}");
        }

        return b.ToString();
    }

    public string Summary(string scenario, string? label, int concurrency, bool passed)
    {
        var inv = CultureInfo.InvariantCulture;
        var b = new StringBuilder("summary:");
        b.Append(inv, $" scenario={scenario}");
        if (label is not null)
        {
            b.Append(inv, $" label={label}");
        }

        b.Append(inv, $" concurrency={concurrency} requests={Samples.Count} seconds={Elapsed.TotalSeconds:F2} rps={Throughput:F3}");
        b.Append(inv, $" p50_ms={Latency(50):F1} p90_ms={Latency(90):F1} p99_ms={Latency(99):F1} failed={Failed} hit_ratio={HitRatio:F3}");
        if (Memory is { } m)
        {
            b.Append(inv, $" rss_start_mib={m.StartKiB / 1024.0:F0} rss_peak_mib={Math.Max(m.PeakSampledKiB, m.HighWaterKiB ?? 0) / 1024.0:F0}");
        }

        b.Append(passed ? " result=pass" : " result=FAIL");
        return b.ToString();
    }

    private static string Counts(IEnumerable<string> values)
    {
        var groups = values.GroupBy(v => v).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} x{g.Count()}").ToList();
        return groups.Count == 0 ? "none" : string.Join(", ", groups);
    }
}
