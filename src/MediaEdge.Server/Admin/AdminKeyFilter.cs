using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using MediaEdge.Requests;

namespace MediaEdge.Server.Admin;

/// <summary>
/// Lets a call to <c>/admin/api/*</c> through only with <c>Authorization: Bearer</c> and one of Admin:Keys: 401 with
/// <c>WWW-Authenticate: Bearer</c> without a bearer credential, 403 with a wrong one (RFC 6750 §3, RFC 9110 §15.5.2/§15.5.4).
/// </summary>
public sealed class AdminKeyFilter(AdminOptions options) : IEndpointFilter
{
    // Hashed once: comparing fixed-length digests in constant time says nothing of a key's length or prefix.
    private readonly byte[][] _keys = [.. options.Keys.Select(key => SHA256.HashData(Encoding.UTF8.GetBytes(key)))];

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        Check(context.HttpContext);
        return next(context);
    }

    /// <summary>Throws the 401 or 403 problem unless the request carries one of the keys.</summary>
    public void Check(HttpContext context)
    {
        if (!AuthenticationHeaderValue.TryParse(context.Request.Headers.Authorization.ToString(), out var credential)
            || !string.Equals(credential.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase)
            || string.IsNullOrEmpty(credential.Parameter))
        {
            // Added as the response starts: the problem middleware clears headers before it writes the 401.
            context.Response.OnStarting(() =>
            {
                context.Response.Headers.WWWAuthenticate = "Bearer";
                return Task.CompletedTask;
            });
            throw new ProblemException(401, "unauthorized", "Admin key required", "Send Authorization: Bearer <one of MediaEdge:Admin:Keys>.");
        }

        var given = SHA256.HashData(Encoding.UTF8.GetBytes(credential.Parameter));
        var match = false;
        foreach (var key in _keys)
        {
            match |= CryptographicOperations.FixedTimeEquals(given, key);
        }

        if (!match)
        {
            throw new ProblemException(403, "forbidden", "Admin key not accepted", "The bearer key is not one of MediaEdge:Admin:Keys.");
        }
    }
}
