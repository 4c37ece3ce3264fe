using Microsoft.Extensions.Options;

namespace MediaEdge.Server.Admin;

/// <summary>Checks <c>MediaEdge:Admin</c> at start: every key at least 16 characters of visible ASCII, no two alike.</summary>
public sealed class AdminOptionsValidator : IValidateOptions<AdminOptions>
{
    /// <summary>The shortest key accepted: a bearer key is a password sent on every call.</summary>
    public const int MinKeyLength = 16;

    public ValidateOptionsResult Validate(string? name, AdminOptions options)
    {
        var errors = new List<string>();
        for (var i = 0; i < options.Keys.Length; i++)
        {
            var key = options.Keys[i] ?? "";
            if (key.Length < MinKeyLength || key.Any(c => c is <= ' ' or > '~'))
            {
                errors.Add($"MediaEdge:Admin:Keys:{i} must be at least {MinKeyLength} characters of visible ASCII, no spaces (got {key.Length} characters).");
            }
            else if (Array.IndexOf(options.Keys, key) < i)
            {
                errors.Add($"MediaEdge:Admin:Keys:{i} repeats an earlier key.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
