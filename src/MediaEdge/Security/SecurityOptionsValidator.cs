using MediaEdge.Composition;
using Microsoft.Extensions.Options;

namespace MediaEdge.Security;

/// <summary>Checks <c>MediaEdge:Security</c> at start: a required signature has a key, and no key is blank; each failure names its key.</summary>
public sealed class SecurityOptionsValidator : IValidateOptions<SecurityOptions>
{
    private const string Key = "MediaEdge:Security";

    public ValidateOptionsResult Validate(string? name, SecurityOptions options)
    {
        var errors = new OptionErrors();
        if (options.RequireSignature && options.SigningKeys.Length == 0)
        {
            errors.Add($"{Key}:RequireSignature is true but {Key}:SigningKeys is empty: add a key.");
        }

        for (var i = 0; i < options.SigningKeys.Length; i++)
        {
            // Anyone can compute an HMAC under a blank key, so it would make every signature forgeable.
            if (string.IsNullOrWhiteSpace(options.SigningKeys[i]))
            {
                errors.Add($"{Key}:SigningKeys:{i} is blank: a signing key must be a secret (remove it, or set it).");
            }
        }

        return errors.Result();
    }
}
