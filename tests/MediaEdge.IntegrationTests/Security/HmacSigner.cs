using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace MediaEdge.IntegrationTests.Security;

/// <summary>
/// Signs URLs the way the README tells a client to, written here rather than borrowed from the service, so a test
/// fails when the service's idea of the signature drifts from the documented one.
/// </summary>
public static class HmacSigner
{
    /// <summary>base64url(HMAC-SHA256(key, pathAndQuery)) without padding.</summary>
    public static string Mac(string pathAndQuery, string key) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(pathAndQuery)));

    /// <summary>The path and query with <c>s</c> appended last.</summary>
    public static string Sign(string pathAndQuery, string key) =>
        pathAndQuery + (pathAndQuery.Contains('?', StringComparison.Ordinal) ? "&s=" : "?s=") + Mac(pathAndQuery, key);
}
