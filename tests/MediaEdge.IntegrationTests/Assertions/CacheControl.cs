namespace MediaEdge.IntegrationTests.Assertions;

/// <summary>A Cache-Control header's directives, by name.</summary>
public sealed class CacheControl
{
    private readonly Dictionary<string, string?> _directives;

    private CacheControl(Dictionary<string, string?> directives) => _directives = directives;

    public IReadOnlyCollection<string> Names => _directives.Keys;

    public static CacheControl Parse(string? header)
    {
        var directives = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in (header ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            directives[eq < 0 ? part : part[..eq]] = eq < 0 ? null : part[(eq + 1)..];
        }

        return new CacheControl(directives);
    }

    public bool Has(string name) => _directives.ContainsKey(name);

    /// <summary>A directive's number of seconds; fails the test where it is missing or not a number.</summary>
    public int Seconds(string name)
    {
        Assert.True(_directives.TryGetValue(name, out var value) && value is not null, $"Cache-Control has no {name}=");
        return int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
    }
}
