namespace MediaEdge.Dialects;

/// <summary>MediaEdge:Dialects — the other services' URL syntaxes MediaEdge answers besides its own <c>/img/</c>.</summary>
public sealed class DialectOptions
{
    /// <summary>The dialects served: <c>*</c> (the default) every one, empty none, else their names separated by commas (<c>nextjs</c>).</summary>
    public string Enabled { get; set; } = "*";

    /// <summary>The names <see cref="Enabled"/> lists, or null for every dialect.</summary>
    public IReadOnlyList<string>? EnabledNames() =>
        Enabled.Trim() == "*" ? null : Enabled.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The source a dialect's relative source URL (<c>/products/shoe.jpg</c>) is read from; where unset, <c>local</c> (with no source of that name, a relative URL is answered as an unknown source).</summary>
    public string? DefaultSource { get; set; }
}
