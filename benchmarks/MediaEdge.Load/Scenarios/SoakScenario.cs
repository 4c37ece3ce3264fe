namespace MediaEdge.Load.Scenarios;

/// <summary>
/// A cache-hit soak: a small fixed set of variants, each transformed once in the warm-up, then asked for again and again
/// until the time or request limit. Hits must stay hits, latency low, and the server's memory flat.
/// </summary>
internal sealed class SoakScenario(string source, IReadOnlyList<string> photos, string format, double minHitRatio, double maxRssGrowthMiB) : IScenario
{
    private static readonly int[] Widths = [400, 800, 1200];

    private readonly ((string, object?) Query, string? Accept) _format = ImageUrl.Format(format);

    public string Name => "soak";

    public string Description =>
        $"{Variants} variants ({photos.Count} photo(s) x w {string.Join('/', Widths)}, {_format.Query.Item1}={_format.Query.Item2}) warmed once, then hit until the limit; RSS growth at most {maxRssGrowthMiB} MiB";

    public int DefaultConcurrency => 8;

    public int DefaultRequests(int concurrency) => 100_000;

    public int DefaultWarmup => Variants;

    private int Variants => photos.Count * Widths.Length;

    public LoadRequest Next(long index)
    {
        var variant = (int)(index % Variants);
        return new LoadRequest(ImageUrl.Path(source, photos[variant % photos.Count], ("w", Widths[variant / photos.Count]), _format.Query), _format.Accept);
    }

    public IEnumerable<Check> Checks(LoadReport report)
    {
        yield return Check.AtLeast("cache hit ratio", report.HitRatio, minHitRatio);
        if (report.Memory is { } memory)
        {
            yield return Check.AtMost("server RSS growth after the warm-up, MiB", memory.GrowthMiB, maxRssGrowthMiB, "0.0");
        }
    }
}
