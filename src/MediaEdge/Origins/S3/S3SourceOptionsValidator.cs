using Microsoft.Extensions.Options;

namespace MediaEdge.Origins.S3;

/// <summary>Checks an S3 source at start; each failure names the full key (<c>MediaEdge:Sources:{name}:Bucket</c>) and what would be valid.</summary>
public sealed class S3SourceOptionsValidator : IValidateOptions<S3SourceOptions>
{
    /// <param name="name">The source's name, the named options' name.</param>
    public ValidateOptionsResult Validate(string? name, S3SourceOptions options)
    {
        var key = $"MediaEdge:Sources:{name}";
        var errors = new List<string>();
        // Bucket naming rules: https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html (3-63 characters, no '/').
        if (string.IsNullOrWhiteSpace(options.Bucket))
        {
            errors.Add($"{key}:Bucket is required for an S3 source.");
        }
        else if (options.Bucket.Length is < 3 or > 63 || options.Bucket.Contains('/'))
        {
            errors.Add($"{key}:Bucket must be a bucket name of 3 to 63 characters without '/' (got '{options.Bucket}').");
        }

        if (!string.IsNullOrEmpty(options.ServiceUrl)
            && !(Uri.TryCreate(options.ServiceUrl, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"))
        {
            errors.Add($"{key}:ServiceUrl must be empty (AWS, by Region) or an absolute http(s) URL like http://127.0.0.1:9000 (got '{options.ServiceUrl}').");
        }

        if (!string.IsNullOrWhiteSpace(options.Region) && !options.Region.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            errors.Add($"{key}:Region must be a region name like eu-west-1 (got '{options.Region}').");
        }

        if (string.IsNullOrEmpty(options.AccessKeyId) != string.IsNullOrEmpty(options.SecretAccessKey))
        {
            var missing = string.IsNullOrEmpty(options.AccessKeyId) ? "AccessKeyId" : "SecretAccessKey";
            errors.Add($"{key}:{missing} is empty while the other key is set: set both, or neither for the AWS SDK's credential chain.");
        }

        if (options.TimeoutSeconds <= 0)
        {
            errors.Add($"{key}:TimeoutSeconds must be greater than 0 (got {options.TimeoutSeconds}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
