using MediaEdge.Composition;
using Microsoft.Extensions.Options;

namespace MediaEdge.Caching;

/// <summary>Checks <c>MediaEdge:Cache</c> and <c>MediaEdge:Cache:Redis</c> at start; each failure names its key.</summary>
public sealed class CacheOptionsValidator : IValidateOptions<CacheOptions>
{
    private const string Key = "MediaEdge:Cache";

    public ValidateOptionsResult Validate(string? name, CacheOptions options)
    {
        var errors = new OptionErrors();
        errors.Positive($"{Key}:MemoryBytes", options.MemoryBytes);
        errors.Positive($"{Key}:FreshSeconds", options.FreshSeconds);
        if (options.SourceSeconds < 0)
        {
            errors.Add($"{Key}:SourceSeconds must be 0 or more (got {options.SourceSeconds}).");
        }

        if (options.StaleWhileRevalidateSeconds < 0 || options.StaleIfErrorSeconds < 0)
        {
            errors.Add($"{Key}:StaleWhileRevalidateSeconds and StaleIfErrorSeconds must be 0 or more.");
        }

        var redis = options.Redis;
        if (!string.IsNullOrWhiteSpace(redis.Configuration))
        {
            try
            {
                StackExchange.Redis.ConfigurationOptions.Parse(redis.Configuration);
            }
            catch (ArgumentException e)
            {
                errors.Add($"{Key}:Redis:Configuration is not a valid StackExchange.Redis configuration: {e.Message}");
            }
        }

        errors.Positive($"{Key}:Redis:OperationTimeoutMilliseconds", redis.OperationTimeoutMilliseconds);
        errors.Positive($"{Key}:Redis:MaxValueBytes", redis.MaxValueBytes);
        errors.Positive($"{Key}:Redis:BreakerFailures", redis.BreakerFailures);
        errors.Positive($"{Key}:Redis:BreakerSeconds", redis.BreakerSeconds);
        errors.Positive($"{Key}:Redis:VersionCheckSeconds", redis.VersionCheckSeconds);
        if (redis.SourceSeconds < 0 || redis.LockSeconds < 0)
        {
            errors.Add($"{Key}:Redis:SourceSeconds and LockSeconds must be 0 or more.");
        }

        if (string.IsNullOrWhiteSpace(redis.KeyPrefix) || redis.KeyPrefix.Contains('{') || redis.KeyPrefix.Contains('}'))
        {
            errors.Add($"{Key}:Redis:KeyPrefix must be non-empty and hold no braces (got '{redis.KeyPrefix}').");
        }

        return errors.Result();
    }
}
