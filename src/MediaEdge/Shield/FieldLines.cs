using MediaEdge.Origins;

namespace MediaEdge.Shield;

/// <summary>Reading and filtering field lines by name (case-insensitive, RFC 9110 §5.1); hop-by-hop fields (§7.6.1) and those named in Connection.</summary>
public static class FieldLines
{
    /// <summary>
    /// Fields never stored or passed on: the connection-specific ones (RFC 9110 §7.6.1, RFC 9111 §3.1, and the obsolete
    /// Proxy-Connection), the proxy-authentication ones, which are meant for this hop (§11.7), and Trailer, since trailers are not forwarded.
    /// </summary>
    public static readonly IReadOnlySet<string> HopByHop = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "TE", "Transfer-Encoding", "Upgrade", "Trailer",
        "Proxy-Authenticate", "Proxy-Authentication-Info", "Proxy-Authorization",
    };

    private static readonly HashSet<string> ContentBound = new(StringComparer.OrdinalIgnoreCase) { "Content-Length", "Content-Encoding", "Content-MD5", "Content-Range", "ETag" };

    public static IReadOnlyList<string> All(this IReadOnlyList<HeaderField> fields, string name)
    {
        List<string>? values = null;
        foreach (var field in fields)
        {
            if (field.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                (values ??= []).Add(field.Value);
            }
        }

        return values ?? (IReadOnlyList<string>)[];
    }

    /// <summary>The first line of the field, or null.</summary>
    public static string? First(this IReadOnlyList<HeaderField> fields, string name)
    {
        foreach (var field in fields)
        {
            if (field.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return field.Value;
            }
        }

        return null;
    }

    /// <summary>Every line of a list-based field joined with ", " (RFC 9110 §5.3), or null.</summary>
    public static string? Combined(this IReadOnlyList<HeaderField> fields, string name) =>
        fields.All(name) is { Count: > 0 } values ? string.Join(", ", values) : null;

    public static bool Has(this IReadOnlyList<HeaderField> fields, string name) => fields.First(name) is not null;

    /// <summary>The names in a list of field names (Vary, Connection, no-cache="…"), trimmed, empty members dropped.</summary>
    public static IReadOnlyList<string> Names(IEnumerable<string> lines) =>
        lines.SelectMany(l => l.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToArray();

    /// <summary>The end-to-end fields: without hop-by-hop fields and without those the Connection field names.</summary>
    public static HeaderField[] EndToEnd(this IReadOnlyList<HeaderField> fields)
    {
        var listed = new HashSet<string>(Names(fields.All("Connection")), StringComparer.OrdinalIgnoreCase);
        return fields.Where(f => !HopByHop.Contains(f.Name) && !listed.Contains(f.Name)).ToArray();
    }

    /// <summary>RFC 9110 §5.5: a field value as it may be sent on, each control character but HTAB (CR, LF and NUL included) replaced by SP.</summary>
    public static string Sendable(string value)
    {
        foreach (var c in value)
        {
            if ((c < ' ' && c != '\t') || c == '\x7f')
            {
                return string.Create(value.Length, value, static (span, v) =>
                {
                    for (var i = 0; i < v.Length; i++)
                    {
                        span[i] = (v[i] < ' ' && v[i] != '\t') || v[i] == '\x7f' ? ' ' : v[i];
                    }
                });
            }
        }

        return value;
    }

    public static HeaderField[] Without(this IReadOnlyList<HeaderField> fields, IEnumerable<string> names)
    {
        var drop = new HashSet<string>(names, StringComparer.OrdinalIgnoreCase);
        return drop.Count == 0 ? fields.ToArray() : fields.Where(f => !drop.Contains(f.Name)).ToArray();
    }

    /// <summary>
    /// RFC 9111 §3.2: the stored fields updated by a 304 or HEAD response: each field it carries replaces the stored lines
    /// of that name, except hop-by-hop fields, Content-Length, and the fields the stored content itself depends on
    /// (its coding, digest, range and entity-tag), which §3.2 lets a cache keep to assure the stored response's integrity.
    /// </summary>
    public static HeaderField[] UpdatedBy(this IReadOnlyList<HeaderField> stored, IReadOnlyList<HeaderField> update)
    {
        var incoming = update.EndToEnd().Where(f => !ContentBound.Contains(f.Name)).ToArray();
        var replaced = new HashSet<string>(incoming.Select(f => f.Name), StringComparer.OrdinalIgnoreCase);
        return stored.Where(f => !replaced.Contains(f.Name)).Concat(incoming).ToArray();
    }
}
