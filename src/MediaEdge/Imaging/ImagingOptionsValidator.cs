using MediaEdge.Composition;
using Microsoft.Extensions.Options;

namespace MediaEdge.Imaging;

/// <summary>Checks <c>MediaEdge:Imaging</c> at start: the engine names an <see cref="IEngineKind"/>, AVIF, shrink-on-load and ladder settings in range; each failure names its key.</summary>
/// <param name="engines">The registered engines (<see cref="IEngineKind"/>).</param>
public sealed class ImagingOptionsValidator(NamedExtensions<IEngineKind> engines) : IValidateOptions<ImagingOptions>
{
    private const string Key = "MediaEdge:Imaging";

    public ValidateOptionsResult Validate(string? name, ImagingOptions options)
    {
        var errors = new OptionErrors();
        if (engines.Find(options.Engine) is null)
        {
            errors.Add($"{Key}:Engine must be {engines.Names} (got '{options.Engine}').");
        }

        if (options.AvifEffort is < 0 or > 9)
        {
            errors.Add($"{Key}:AvifEffort must be from 0 to 9 (got {options.AvifEffort}).");
        }

        errors.Positive($"{Key}:AvifMaxPixels", options.AvifMaxPixels);
        if (options.LadderBytes < 0)
        {
            errors.Add($"{Key}:LadderBytes must be 0 (no ladder) or more (got {options.LadderBytes}).");
        }

        if (options.LadderSeconds < 0 || !double.IsFinite(options.LadderSeconds))
        {
            errors.Add($"{Key}:LadderSeconds must be 0 (no ladder) or more (got {options.LadderSeconds}).");
        }

        if (options.ShrinkOnLoadMargin is not (>= 1 and <= 4))
        {
            errors.Add($"{Key}:ShrinkOnLoadMargin must be from 1 to 4 (got {options.ShrinkOnLoadMargin}).");
        }

        return errors.Result();
    }
}
