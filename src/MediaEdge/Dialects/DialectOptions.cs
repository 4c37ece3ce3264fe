using Microsoft.Extensions.Configuration;

namespace MediaEdge.Dialects;

/// <summary>MediaEdge:Dialects — the other services' URL syntaxes MediaEdge answers besides its own <c>/img/</c>.</summary>
public sealed class DialectOptions
{
    private IConfiguration? _section;

    /// <summary>The dialects served: <c>*</c> (the default) every one, empty none, else their names separated by commas (<c>nextjs</c>).</summary>
    public string Enabled { get; set; } = "*";

    /// <summary>The names <see cref="Enabled"/> lists, or null for every dialect.</summary>
    public IReadOnlyList<string>? EnabledNames() =>
        Enabled.Trim() == "*" ? null : Enabled.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The source a dialect's relative source URL (<c>/products/shoe.jpg</c>) is read from; where unset, <c>local</c> (with no source of that name, a relative URL is answered as an unknown source).</summary>
    public string? DefaultSource { get; set; }

    /// <summary>
    /// A dialect's own settings (imgproxy's signing Key and Salt), bound from <c>MediaEdge:Dialects:{name}</c> to the
    /// dialect's options class; defaults where the options were not read from configuration.
    /// </summary>
    public T Bind<T>(string name)
        where T : new()
    {
        var options = new T();
        _section?.GetSection(name).Bind(options);
        return options;
    }

    /// <summary>Keeps the <c>MediaEdge:Dialects</c> section for <see cref="Bind{T}"/>.</summary>
    internal DialectOptions From(IConfiguration section)
    {
        _section = section;
        return this;
    }
}
