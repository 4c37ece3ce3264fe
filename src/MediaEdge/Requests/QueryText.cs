namespace MediaEdge.Requests;

/// <summary>Splits a query string into decoded name/value pairs, in order, keeping repeats.</summary>
public static class QueryText
{
    public static IEnumerable<KeyValuePair<string, string>> Parse(string query)
    {
        var text = query.StartsWith('?') ? query[1..] : query;
        foreach (var pair in text.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            var name = eq < 0 ? pair : pair[..eq];
            var value = eq < 0 ? string.Empty : pair[(eq + 1)..];
            yield return new(Decode(name), Decode(value));
        }
    }

    private static string Decode(string s) => Uri.UnescapeDataString(s.Replace('+', ' '));
}
