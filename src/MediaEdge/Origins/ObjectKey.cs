using MediaEdge.Requests;

namespace MediaEdge.Origins;

/// <summary>Validates an object key from a URL before any origin sees it: relative, no dot segments, no backslashes, no leftover escapes.</summary>
public static class ObjectKey
{
    public const int MaxLength = 1024;

    public static string Validate(string key)
    {
        if (string.IsNullOrEmpty(key))
        {
            throw Problems.BadKey(key, "The object key is empty: the URL needs a path after the source name.");
        }

        if (key.Length > MaxLength)
        {
            throw Problems.BadKey(key[..64] + "…", $"The object key is longer than {MaxLength} characters.");
        }

        if (key.StartsWith('/') || key.Contains('\\') || key.Contains(':'))
        {
            throw Problems.BadKey(key, "The object key must be a relative path with forward slashes: no leading '/', no '\\', no ':'.");
        }

        foreach (var c in key)
        {
            if (char.IsControl(c))
            {
                throw Problems.BadKey(key, "The object key contains a control character.");
            }
        }

        if (key.Contains("%2e", StringComparison.OrdinalIgnoreCase) || key.Contains("%2f", StringComparison.OrdinalIgnoreCase) || key.Contains("%5c", StringComparison.OrdinalIgnoreCase) || key.Contains("%25", StringComparison.Ordinal))
        {
            throw Problems.BadKey(key, "The object key holds an escaped dot, slash or percent sign after decoding: it is encoded twice.");
        }

        foreach (var segment in key.Split('/'))
        {
            if (segment is "" or "." or "..")
            {
                throw Problems.BadKey(key, "The object key must not have empty, '.' or '..' segments.");
            }
        }

        return key;
    }
}
