using MediaEdge.Composition;
using Microsoft.Extensions.Options;

namespace MediaEdge.Origins.Http;

/// <summary>Checks an Http source at start (the named options' name is the source's); each failure names its key (<c>MediaEdge:Sources:{name}:BaseUrl</c>).</summary>
public sealed class HttpSourceOptionsValidator : IValidateOptions<HttpSourceOptions>
{
    public ValidateOptionsResult Validate(string? name, HttpSourceOptions options)
    {
        var key = $"MediaEdge:Sources:{name}";
        var errors = new OptionErrors();
        if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https"))
        {
            errors.Add($"{key}:BaseUrl must be an absolute http(s) URL (got '{options.BaseUrl}').");
        }
        else if (options.AllowedHosts.Length > 0 && !options.AllowedHosts.Contains(baseUrl.Host, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add($"{key}:AllowedHosts must include the BaseUrl's host '{baseUrl.Host}'.");
        }

        errors.Positive($"{key}:TimeoutSeconds", options.TimeoutSeconds);
        errors.Positive($"{key}:ConnectTimeoutSeconds", options.ConnectTimeoutSeconds);
        if (options.MaxRedirects is < 0 or > 10)
        {
            errors.Add($"{key}:MaxRedirects must be from 0 to 10 (got {options.MaxRedirects}).");
        }

        return errors.Result();
    }
}
