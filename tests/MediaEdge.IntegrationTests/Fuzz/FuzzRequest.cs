namespace MediaEdge.IntegrationTests.Fuzz;

/// <summary>One generated request, and what it must get back.</summary>
/// <param name="Kind">The generator's category, for the statistics.</param>
/// <param name="Target">The request target exactly as sent: path and query, already percent-encoded.</param>
public sealed record FuzzRequest(string Kind, string Method, string Target, IReadOnlyList<(string Name, string Value)> Headers, Expectation Expect)
{
    public string? Parameter { get; init; }

    public IReadOnlyList<int>? Statuses { get; init; }

    public (int Width, int Height)? Size { get; init; }

    /// <summary>Where the size is scaled down to fit the output limit: at most this many pixels, at the source's aspect ratio (height = 0.75 × width, ±1 px), and narrower than this.</summary>
    public (long Pixels, int Width)? FitsWithin { get; init; }

    /// <summary>The media type fm asked for, where it did.</summary>
    public string? ContentType { get; init; }

    /// <summary>For <see cref="Expectation.Original"/>: null where the whole must come back (no Range, or one to ignore); else the satisfiable ranges asked for, inclusive, possibly none.</summary>
    public IReadOnlyList<(long Start, long End)>? Ranges { get; init; }

    public override string ToString()
    {
        var target = Target.Length > 300 ? Target[..300] + $"…({Target.Length} chars)" : Target;
        var headers = string.Join("; ", Headers.Select(h => $"{h.Name}: {(h.Value.Length > 80 ? h.Value[..80] + $"…({h.Value.Length} chars)" : h.Value)}"));
        return $"[{Kind}] {Method} {target} {headers}";
    }
}
