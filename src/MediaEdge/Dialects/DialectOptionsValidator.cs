using MediaEdge.Composition;
using Microsoft.Extensions.Options;

namespace MediaEdge.Dialects;

/// <summary>
/// Checks <c>MediaEdge:Dialects</c> at start: every enabled name is a URL dialect, each enabled dialect's own settings
/// (<see cref="IUrlDialect.Validate"/>), and a <c>DefaultSource</c> among the configured sources; each failure names its key.
/// </summary>
/// <param name="sources">The names of the configured sources (<c>MediaEdge:Sources:*</c>).</param>
/// <param name="dialects">The registered URL dialects.</param>
public sealed class DialectOptionsValidator(IReadOnlyCollection<string> sources, NamedExtensions<IUrlDialect> dialects) : IValidateOptions<DialectOptions>
{
    public ValidateOptionsResult Validate(string? name, DialectOptions options)
    {
        var errors = new OptionErrors();
        foreach (var enabled in options.EnabledNames() ?? [])
        {
            if (dialects.Find(enabled) is null)
            {
                errors.Add($"MediaEdge:Dialects:Enabled: '{enabled}' is not a URL dialect; the dialects are {dialects.Names}.");
            }
        }

        foreach (var enabled in options.EnabledNames() ?? dialects.All.Select(d => d.Name))
        {
            dialects.Find(enabled)?.Validate(options, errors.AsCollection());
        }

        if (options.DefaultSource is { } defaultSource && !sources.Contains(defaultSource))
        {
            errors.Add($"MediaEdge:Dialects:DefaultSource must name a configured source (got '{options.DefaultSource}'; the sources are {string.Join(", ", sources)}).");
        }

        return errors.Result();
    }
}
