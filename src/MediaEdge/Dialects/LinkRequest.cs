using System.Globalization;

namespace MediaEdge.Dialects;

/// <summary>
/// What a dialect is asked to write a URL for (<see cref="IUrlDialect.Link"/>): an object of a source and the imgix
/// parameters of the output wanted, with the source's signing (imgix's <c>s</c>, or the URL unchanged where the source
/// signs nothing) for the dialect to apply where its URLs can carry it.
/// </summary>
public sealed record LinkRequest(string Source, string Key, IReadOnlyList<KeyValuePair<string, string>> Parameters, SourceUrls Sources, Func<string, string> Sign)
{
    /// <summary>The first value of imgix parameter <paramref name="name"/>, or null where it is not given.</summary>
    public string? this[string name] => Parameters.FirstOrDefault(p => p.Key == name).Value;

    /// <summary>The key percent-encoded segment by segment, for a URL path.</summary>
    public string EscapedKey => string.Join('/', Key.Split('/').Select(Uri.EscapeDataString));

    /// <summary>
    /// The key as a dialect's relative source URL (<c>/products/shoe.jpg</c>), which reads <see cref="SourceUrls.DefaultSource"/>;
    /// null where the source is another one, or the key holds <c>?</c> or <c>#</c>, which end a source path.
    /// </summary>
    public string? RelativeUrl => Source == Sources.DefaultSource && Key.IndexOfAny(['?', '#']) < 0 ? "/" + Key : null;

    /// <summary>Why a dialect reading relative source URLs has no link where <see cref="RelativeUrl"/> is null.</summary>
    public string NoRelativeUrl => Source != Sources.DefaultSource
        ? $"its source paths read only the source '{Sources.DefaultSource}' (MediaEdge:Dialects:DefaultSource), not '{Source}'."
        : "its source path would end at the key's '?' or '#'.";

    /// <summary>The first parameter given whose name is not among <paramref name="names"/>, or null where all are.</summary>
    public string? Outside(params string[] names) => Parameters.Select(p => p.Key).FirstOrDefault(name => !names.Contains(name));

    /// <summary>False where parameter <paramref name="name"/> is given but is not a number above 0; else true, with it (null where not given).</summary>
    public bool TryPositive(string name, out string? value)
    {
        value = this[name];
        return value is null || (double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) && number > 0);
    }

    /// <summary>False where <c>q</c> is given but is not a whole number from 1 to 100; else true, with it (null where not given).</summary>
    public bool TryQuality(out int? quality)
    {
        quality = Whole(this["q"], 1, 100, out var q) ? q : null;
        return quality is not null || this["q"] is null;
    }

    /// <summary>False where <c>bg</c> is given but is not 3 or 6 hex digits (no alpha), the colours the dialects can write; else true, with it.</summary>
    public bool TryOpaqueColour(out string? colour)
    {
        colour = this["bg"];
        return colour is null || (colour.Length is 3 or 6 && colour.All(char.IsAsciiHexDigit));
    }

    /// <summary>True where <paramref name="text"/> is a whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static bool Whole(string? text, int min, int max, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
}
