using MediaEdge.Composition;
using Microsoft.Extensions.Options;

namespace MediaEdge.Origins;

/// <summary>
/// A kind of origin, chosen by <c>MediaEdge:Sources:{name}:Kind</c>: it checks a source's settings at start and makes the
/// source's origin. Each kind lives in its own folder under <c>Origins/</c> with its options class (bound by
/// <see cref="SourceOptions.Bind{T}"/>) and its <see cref="IValidateOptions{TOptions}"/>, is registered by its <c>Add…()</c> and found by name in <see cref="NamedExtensions{T}"/>.
/// </summary>
public interface IOriginKind : INamedExtension
{
    /// <summary>Adds to <paramref name="errors"/> what is wrong with source <paramref name="name"/>'s settings, each message naming its key under <paramref name="key"/> (<c>MediaEdge:Sources:{name}</c>).</summary>
    void Validate(string key, string name, SourceOptions source, string contentRoot, ICollection<string> errors);

    /// <summary>The origin of source <paramref name="name"/>, from settings <see cref="Validate"/> found valid.</summary>
    IOrigin Create(string name, SourceOptions source, string contentRoot);

    /// <summary>
    /// The key of an absolute source URL in this source (an Http source's URLs under its BaseUrl, an S3 source's
    /// <c>s3://{Bucket}/key</c>), or null where the URL is not this source's; URL dialects resolve source URLs by it. Default: none.
    /// </summary>
    string? KeyOf(SourceOptions source, string url) => null;

    /// <summary>Adds a validator's failures to <paramref name="errors"/>.</summary>
    static void AddFailures(ValidateOptionsResult result, ICollection<string> errors)
    {
        foreach (var failure in result.Failures ?? [])
        {
            errors.Add(failure);
        }
    }

    /// <summary>What follows <paramref name="prefix"/> in <paramref name="url"/> (compared ignoring case, as scheme and host are), or null where it does not start so or nothing follows.</summary>
    static string? KeyUnder(string url, string prefix) =>
        url.Length > prefix.Length && url.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? url[prefix.Length..] : null;
}
