using MediaEdge.Composition;
using Microsoft.Extensions.Options;

namespace MediaEdge.Caching.Disk;

/// <summary>Checks <c>MediaEdge:Cache:Disk</c> at start; each failure names its key.</summary>
public sealed class DiskCacheOptionsValidator : IValidateOptions<DiskCacheOptions>
{
    private const string Key = "MediaEdge:Cache:Disk";

    public ValidateOptionsResult Validate(string? name, DiskCacheOptions options)
    {
        var errors = new OptionErrors();
        errors.Positive($"{Key}:MaxBytes", options.MaxBytes);
        if (options.Path.Length > 0 && !Path.IsPathFullyQualified(options.Path))
        {
            errors.Add($"{Key}:Path must be an absolute folder path, or empty to turn the disk tier off (got '{options.Path}').");
        }
        else if (File.Exists(options.Path))
        {
            errors.Add($"{Key}:Path names a file; it must name a folder (got '{options.Path}').");
        }

        return errors.Result();
    }
}
