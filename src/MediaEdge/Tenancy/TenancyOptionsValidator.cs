using System.Globalization;
using MediaEdge.Origins;
using Microsoft.Extensions.Options;

namespace MediaEdge.Tenancy;

/// <summary>
/// Checks a source's tenancy settings at start (<c>Sources:{name}:Limits</c>, <c>:RateLimit</c>, <c>:SigningKeys</c>):
/// every limit positive and one of the names a source may override (a node-wide one, such as MaxConcurrentTransforms,
/// is refused by name), rates not negative, keys not empty; each failure names its key.
/// </summary>
public sealed class TenancyOptionsValidator : IValidateOptions<SourceOptions>
{
    public ValidateOptionsResult Validate(string? name, SourceOptions options)
    {
        var errors = new List<string>();
        var key = $"MediaEdge:Sources:{name}";
        if (options.Section?.GetSection("Limits") is { } section)
        {
            foreach (var child in section.GetChildren().Where(child => !SourceLimitsOptions.Names.Contains(child.Key, StringComparer.OrdinalIgnoreCase)))
            {
                errors.Add($"{key}:Limits:{child.Key} is not a limit a source can have of its own: one of {string.Join(", ", SourceLimitsOptions.Names)}.");
            }
        }

        var limits = options.Limits;
        Positive(nameof(limits.MaxSourceBytes), limits.MaxSourceBytes);
        Positive(nameof(limits.MaxSourcePixels), limits.MaxSourcePixels);
        Positive(nameof(limits.MaxSourceFrames), limits.MaxSourceFrames);
        Positive(nameof(limits.MaxAnimationPixels), limits.MaxAnimationPixels);
        Positive(nameof(limits.MaxAnimatedOutputPixels), limits.MaxAnimatedOutputPixels);
        Positive(nameof(limits.MaxOutputPixels), limits.MaxOutputPixels);
        Positive(nameof(limits.MaxClipSourceBytes), limits.MaxClipSourceBytes);
        Positive(nameof(limits.MaxClipPixels), limits.MaxClipPixels);
        if (limits.MaxClipSeconds is { } seconds && !(seconds > 0 && double.IsFinite(seconds)))
        {
            errors.Add($"{key}:Limits:MaxClipSeconds must be greater than 0 (got {seconds.ToString(CultureInfo.InvariantCulture)}).");
        }

        var rate = options.RateLimit;
        Rate(nameof(rate.RequestsPerSecond), rate.RequestsPerSecond, 0);
        Rate(nameof(rate.TransformSecondsPerSecond), rate.TransformSecondsPerSecond, 0);
        Rate(nameof(rate.BurstSeconds), rate.BurstSeconds, 0.1);
        for (var i = 0; i < options.SigningKeys.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(options.SigningKeys[i]))
            {
                errors.Add($"{key}:SigningKeys:{i} must not be empty.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);

        void Positive(string limit, long? value)
        {
            if (value is <= 0)
            {
                errors.Add($"{key}:Limits:{limit} must be greater than 0 (got {value}); leave it out for the node's.");
            }
        }

        void Rate(string setting, double value, double least)
        {
            if (!(value >= least && value <= 1e6 && double.IsFinite(value)))
            {
                errors.Add($"{key}:RateLimit:{setting} must be from {least.ToString(CultureInfo.InvariantCulture)} to 1000000 (got {value.ToString(CultureInfo.InvariantCulture)}).");
            }
        }
    }
}
