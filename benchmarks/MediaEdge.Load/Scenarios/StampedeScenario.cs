namespace MediaEdge.Load.Scenarios;

/// <summary>
/// A cold-cache stampede: every worker asks for the same new variant at the same moment. Single flight must transform it
/// once: exactly one response carries Server-Timing's transform;dur, and every response has the same ETag.
/// </summary>
internal sealed class StampedeScenario(string source, string photo, string format, long offset) : IScenario
{
    private readonly ((string, object?) Query, string? Accept) _format = ImageUrl.Format(format);

    // w and q from the offset, so runs against one server can each pick a variant nobody asked for yet.
    private readonly int _width = 700 + (int)(offset % 201);
    private readonly int _quality = 50 + (int)(offset / 201 % 41);

    public string Name => "stampede";

    public string Description => $"identical requests for one new variant of {photo} (w={_width}, q={_quality}), all at once; exactly one transform expected";

    public int DefaultConcurrency => 32;

    public int DefaultRequests(int concurrency) => concurrency;

    public int DefaultWarmup => 0;

    public LoadRequest Next(long index) => new(ImageUrl.Path(source, photo, ("w", _width), ("q", _quality), _format.Query), _format.Accept);

    public IEnumerable<Check> Checks(LoadReport report)
    {
        // Waiters on the flight report cache;desc=miss as well; only the request that ran the transform carries transform;dur.
        var transforms = report.Samples.Count(s => s.TransformMilliseconds is not null);
        yield return new Check("exactly one transform (pass another --offset if the variant was already cached)", transforms == 1, transforms.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var tags = report.Samples.Where(s => s.Status == 200).Select(s => s.ETag).Distinct().Count();
        yield return new Check("one ETag across all 200s (every waiter got the same bytes)", tags == 1, tags.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
