using MediaEdge.Requests;

namespace MediaEdge.Origins;

/// <summary>
/// Validates an object key from a URL before any origin sees it. A key is any legal object name (a file name, an Azure
/// blob name, an HTTP path): spaces, colons, '%', '#', '?', '+', quotes and any Unicode letter are data, since the URL
/// was decoded once and no origin decodes it again. Refused are only what could leave the origin's root or be read two
/// ways: an absolute path, '.' or '..' segments (with '\' counted as a separator too, as Windows counts it), empty
/// segments, control characters, and an encoded slash (%2F), which ASP.NET Core leaves undecoded and so cannot be told
/// from a literal "%2F".
/// </summary>
public static class ObjectKey
{
    public const int MaxLength = 1024;

    /// <returns>The key unchanged; a 400 bad-key <see cref="ProblemException"/> naming the rule it breaks.</returns>
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

        if (key[0] is '/' or '\\')
        {
            throw Problems.BadKey(key, "The object key must be relative: no leading '/' or '\\'.");
        }

        foreach (var c in key)
        {
            if (char.IsControl(c))
            {
                throw Problems.BadKey(key, "The object key contains a control character.");
            }
        }

        if (key.Contains("%2f", StringComparison.OrdinalIgnoreCase))
        {
            throw Problems.BadKey(key, "The object key holds an encoded slash (%2F): write '/' between folders, or %252F for a literal \"%2F\" in a name.");
        }

        foreach (var segment in key.Split('/'))
        {
            if (segment.Length == 0)
            {
                throw Problems.BadKey(key, "The object key must not have empty segments ('//' or a trailing '/').");
            }

            if (segment.Split('\\').Any(part => part is "." or ".."))
            {
                throw Problems.BadKey(key, "The object key must not have '.' or '..' segments.");
            }
        }

        return key;
    }
}
