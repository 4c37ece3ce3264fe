namespace MediaEdge.Load.Scenarios;

/// <summary>
/// Page views: browsers with their own Accept headers (AVIF, WebP only, neither) at DPR 1, 2 and 3 asking for srcset widths
/// with auto=format. The set of variants is finite, so the cache fills and the hit ratio climbs; the order is a fixed
/// pseudo-random walk, the same on every run.
/// </summary>
internal sealed class MixScenario(string source, IReadOnlyList<string> photos, double? minHitRatio) : IScenario
{
    // Weights roughly as browser share: Chromium browsers, Safari, Firefox, an old WebP-only client, one with no image types.
    private static readonly (string Accept, int Weight)[] Browsers =
    [
        ("image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8", 65),
        ("image/webp,image/avif,image/jxl,image/heic,image/heic-sequence,video/*;q=0.8,image/png,image/svg+xml,image/*;q=0.8,*/*;q=0.5", 20),
        ("image/avif,image/webp,*/*", 8),
        ("image/webp,*/*", 4),
        ("*/*", 3),
    ];

    private static readonly (int Dpr, int Weight)[] Dprs = [(1, 40), (2, 45), (3, 15)];

    private static readonly int[] Widths = [320, 480, 640, 960];

    public string Name => "mix";

    public string Description =>
        $"page views of {photos.Count} photo(s): {Browsers.Length} Accept headers x DPR 1/2/3 x w {string.Join('/', Widths)}, auto=format; a finite set, so the cache fills";

    public int DefaultConcurrency => 8;

    public int DefaultRequests(int concurrency) => 1000;

    public int DefaultWarmup => 0;

    public LoadRequest Next(long index)
    {
        // A fixed walk: the same index always asks for the same thing, whatever the concurrency.
        var random = new Random(unchecked((int)(index * 2654435761)));
        var photo = photos[random.Next(photos.Count)];
        var accept = Pick(random, Browsers);
        var dpr = Pick(random, Dprs);
        var width = Widths[random.Next(Widths.Length)];
        return new LoadRequest(ImageUrl.Path(source, photo, ("w", width), ("dpr", dpr), ("auto", "format")), accept);
    }

    public IEnumerable<Check> Checks(LoadReport report)
    {
        if (minHitRatio is { } min)
        {
            yield return Check.AtLeast("cache hit ratio", report.HitRatio, min);
        }
    }

    private static T Pick<T>(Random random, (T Value, int Weight)[] choices)
    {
        var roll = random.Next(choices.Sum(c => c.Weight));
        foreach (var (value, weight) in choices)
        {
            if ((roll -= weight) < 0)
            {
                return value;
            }
        }

        return choices[^1].Value;
    }
}
