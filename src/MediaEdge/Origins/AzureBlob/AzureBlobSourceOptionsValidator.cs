using MediaEdge.Composition;
using Microsoft.Extensions.Options;

namespace MediaEdge.Origins.AzureBlob;

/// <summary>Checks an AzureBlob source at start (the named options' name is the source's); each failure names its key (<c>MediaEdge:Sources:{name}:Container</c>).</summary>
public sealed class AzureBlobSourceOptionsValidator : IValidateOptions<AzureBlobSourceOptions>
{
    public ValidateOptionsResult Validate(string? name, AzureBlobSourceOptions options)
    {
        var key = $"MediaEdge:Sources:{name}";
        var errors = new OptionErrors();
        if (string.IsNullOrWhiteSpace(options.Container))
        {
            errors.Add($"{key}:Container is required for an AzureBlob source.");
        }

        if (string.IsNullOrWhiteSpace(options.ConnectionString) && !Uri.TryCreate(options.AccountUrl, UriKind.Absolute, out _))
        {
            errors.Add($"{key}: an AzureBlob source needs a ConnectionString, or an AccountUrl (https://<account>.blob.core.windows.net) for DefaultAzureCredential.");
        }

        errors.Positive($"{key}:TimeoutSeconds", options.TimeoutSeconds);
        return errors.Result();
    }
}
