using Microsoft.Extensions.Options;

namespace MediaEdge.Tenancy.Usage;

/// <summary>Checks <c>MediaEdge:Usage</c> at start: a flush every 1 to 300 s, records kept 1 to 3660 days.</summary>
public sealed class UsageOptionsValidator : IValidateOptions<UsageOptions>
{
    public ValidateOptionsResult Validate(string? name, UsageOptions options)
    {
        var errors = new List<string>();
        if (options.FlushSeconds is < 1 or > 300)
        {
            errors.Add($"MediaEdge:Usage:FlushSeconds must be from 1 to 300 (got {options.FlushSeconds}).");
        }

        if (options.RetentionDays is < 1 or > 3660)
        {
            errors.Add($"MediaEdge:Usage:RetentionDays must be from 1 to 3660 (got {options.RetentionDays}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
