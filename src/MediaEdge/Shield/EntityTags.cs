namespace MediaEdge.Shield;

/// <summary>
/// Entity-tag comparison (RFC 9110 §8.8.3.2) over If-None-Match / If-Match lists, leniently: a member that is not a
/// quoted entity-tag (an unquoted or obs-text validator some origins send) is compared as the bytes it is, as nginx and
/// Varnish do, and nothing here ever fails.
/// </summary>
// By hand: EntityTagHeaderValue.TryParseList refuses a whole list for one unquoted or control-byte member.
public static class EntityTags
{
    /// <summary>True where <paramref name="list"/> is "*" (any current representation, <paramref name="etag"/> null or not) or holds a member weakly equal to <paramref name="etag"/> (§13.1.2).</summary>
    public static bool WeakMatch(string list, string? etag)
    {
        var opaque = etag is null ? null : Opaque(etag.Trim());
        foreach (var member in Members(list))
        {
            // "*" matches any current representation, with an entity-tag or without (§13.1.2).
            if (member == "*" || (opaque is not null && Opaque(member) == opaque))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True where both are strong and equal (§8.8.3.2), as If-Range requires.</summary>
    public static bool StrongMatch(string a, string? b) =>
        b is not null && !IsWeak(a.Trim()) && !IsWeak(b.Trim()) && a.Trim() == b.Trim();

    /// <summary>The members of an entity-tag list; a comma inside a quoted tag does not split it.</summary>
    public static IEnumerable<string> Members(string list)
    {
        var i = 0;
        while (i < list.Length)
        {
            while (i < list.Length && list[i] is ',' or ' ' or '\t')
            {
                i++;
            }

            if (i >= list.Length)
            {
                yield break;
            }

            var start = i;
            if (list.AsSpan(i).StartsWith("W/\""))
            {
                i += 2;
            }

            if (i < list.Length && list[i] == '"')
            {
                var close = list.IndexOf('"', i + 1);
                i = close < 0 ? list.Length : close + 1;
            }

            while (i < list.Length && list[i] != ',')
            {
                i++;
            }

            yield return list[start..i].Trim();
        }
    }

    private static bool IsWeak(string tag) => tag.StartsWith("W/", StringComparison.Ordinal);

    private static string Opaque(string tag) => IsWeak(tag) ? tag[2..] : tag;
}
