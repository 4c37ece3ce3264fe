using Microsoft.Extensions.Options;

namespace MediaEdge.Dialects.Imgproxy;

/// <summary>Checks the imgproxy dialect's signing settings at start; each failure names its key (<c>MediaEdge:Dialects:imgproxy:Key</c>).</summary>
public sealed class ImgproxyOptionsValidator : IValidateOptions<ImgproxyOptions>
{
    private const string Key = "MediaEdge:Dialects:imgproxy";

    public ValidateOptionsResult Validate(string? name, ImgproxyOptions options)
    {
        var errors = new List<string>();
        Hex("Key", options.Key, errors);
        Hex("Salt", options.Salt, errors);
        if (string.IsNullOrEmpty(options.Key) != string.IsNullOrEmpty(options.Salt))
        {
            errors.Add($"{Key}:Key and {Key}:Salt must be set together (imgproxy's IMGPROXY_KEY and IMGPROXY_SALT), or neither to leave signatures unchecked.");
        }

        if (options.SignatureSize is < 1 or > 32)
        {
            errors.Add($"{Key}:SignatureSize must be from 1 to 32 bytes (imgproxy's IMGPROXY_SIGNATURE_SIZE; got {options.SignatureSize}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Hex(string name, string value, List<string> errors)
    {
        if (value.Length % 2 != 0 || !value.All(char.IsAsciiHexDigit))
        {
            errors.Add($"{Key}:{name} must be hex-encoded, an even number of 0-9a-f digits, as imgproxy's IMGPROXY_{name.ToUpperInvariant()} (got {value.Length} characters that are not).");
        }
    }
}
