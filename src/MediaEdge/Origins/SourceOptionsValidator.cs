using MediaEdge.Composition;
using Microsoft.Extensions.Options;

namespace MediaEdge.Origins;

/// <summary>
/// Checks one source, <c>MediaEdge:Sources:{name}</c> (the named options' name), at start: a usable name, a known
/// <c>Kind</c>, and then the kind's own checks (<see cref="IOriginKind.Validate"/>); each failure names its key.
/// </summary>
/// <param name="contentRoot">The folder relative paths (a FileSystem <c>Root</c>) resolve against.</param>
/// <param name="kinds">The registered origin kinds.</param>
public sealed class SourceOptionsValidator(string contentRoot, NamedExtensions<IOriginKind> kinds) : IValidateOptions<SourceOptions>
{
    public ValidateOptionsResult Validate(string? name, SourceOptions options)
    {
        var key = $"MediaEdge:Sources:{name}";
        var errors = new OptionErrors();
        if (string.IsNullOrWhiteSpace(name) || name.Contains('/'))
        {
            errors.Add($"{key}: a source name must be non-empty and hold no '/'.");
        }

        if (kinds.Find(options.Kind) is { } kind)
        {
            kind.Validate(key, name ?? "", options, contentRoot, errors.AsCollection());
        }
        else
        {
            errors.Add($"{key}:Kind must be {kinds.Names} (got '{options.Kind}').");
        }

        // The token is a secret: the message gives its length, not its value.
        if (options.ImgixSecureToken is { Length: > 0 } token && (token.Length < 8 || token.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))))
        {
            errors.Add($"{key}:ImgixSecureToken must be the source's imgix secure URL token: 8 or more characters, no spaces or control characters (got {token.Length} characters).");
        }

        return errors.Result();
    }
}
