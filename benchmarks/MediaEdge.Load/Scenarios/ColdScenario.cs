namespace MediaEdge.Load.Scenarios;

/// <summary>
/// Every request a distinct variant, so every one transforms: the photos in turn, w from 700 to 900, then the same
/// widths again at another q. Throughput at saturation with a cold cache; a response that did not transform fails the run.
/// </summary>
internal sealed class ColdScenario(string source, IReadOnlyList<string> photos, string format, long offset) : IScenario
{
    private const int MinWidth = 700;
    private const int Widths = 201;

    private readonly ((string, object?) Query, string? Accept) _format = ImageUrl.Format(format);

    public string Name => "cold";

    public string Description =>
        $"distinct variants of {photos.Count} photo(s) ({string.Join(", ", photos)}), {_format.Query.Item1}={_format.Query.Item2}, w {MinWidth}..{MinWidth + Widths - 1} then other q; every response must have transformed";

    public int DefaultConcurrency => 4;

    public int DefaultRequests(int concurrency) => 200;

    public int DefaultWarmup => 8;

    public LoadRequest Next(long index)
    {
        var i = index + offset;
        var photo = photos[(int)(i % photos.Count)];
        var variant = i / photos.Count;
        var width = MinWidth + (int)(variant % Widths);

        // Round 0 keeps the default q (75); later rounds step away from it, 76, 74, 77, 73, ...
        var round = variant / Widths;
        int? quality = round == 0 ? null : Math.Clamp(75 + ((round % 2 == 1 ? 1 : -1) * (int)((round + 1) / 2)), 1, 100);
        return new LoadRequest(ImageUrl.Path(source, photo, ("w", width), ("q", quality), _format.Query), _format.Accept);
    }

    public IEnumerable<Check> Checks(LoadReport report)
    {
        // Server-Timing carries transform;dur only on the response whose request ran the transform.
        var ok = report.Samples.Where(s => s.Status == 200).ToList();
        var transformed = ok.Count(s => s.TransformMilliseconds is not null);
        yield return new Check("every 200 transformed (the cache stayed cold)", transformed == ok.Count, $"{transformed} of {ok.Count}");
    }
}
