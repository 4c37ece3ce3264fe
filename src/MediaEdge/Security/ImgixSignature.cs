using System.Security.Cryptography;
using System.Text;

namespace MediaEdge.Security;

/// <summary>
/// imgix's URL signature (docs.imgix.com, "Securing images"): <c>s</c> is the lower-case hex MD5 of the source's secure URL
/// token followed by the path and, where there is one, <c>?</c> and the query before <c>s</c>, all exactly as sent
/// (what @imgix/js-core's <c>_signParams</c> hashes).
/// </summary>
public static class ImgixSignature
{
    /// <summary>The hex signature of <paramref name="pathAndQuery"/> (the target as sent, without <c>s</c>) under <paramref name="token"/>.</summary>
    public static string Of(string token, string pathAndQuery)
    {
        // MD5 is imgix's choice, kept for compatibility with the URLs its libraries sign; our own scheme is HMAC-SHA256.
#pragma warning disable CA5351
        var hash = MD5.HashData(Encoding.UTF8.GetBytes(token + pathAndQuery));
#pragma warning restore CA5351
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>Appends <c>s</c> to a path and query, signed with imgix's scheme under <paramref name="token"/>.</summary>
    public static string Sign(string pathAndQuery, string token) =>
        pathAndQuery + (pathAndQuery.Contains('?') ? "&s=" : "?s=") + Of(token, pathAndQuery);
}
