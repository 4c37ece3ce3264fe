using MediaEdge.Composition;
using Microsoft.Extensions.Options;

namespace MediaEdge.Limits;

/// <summary>Checks <c>MediaEdge:Limits</c> at start: sizes and times positive, the queue bounds within the transform budget; each failure names its key.</summary>
public sealed class LimitsOptionsValidator : IValidateOptions<LimitsOptions>
{
    private const string Key = "MediaEdge:Limits";

    public ValidateOptionsResult Validate(string? name, LimitsOptions options)
    {
        var errors = new OptionErrors();
        errors.Positive($"{Key}:MaxSourceBytes", options.MaxSourceBytes);
        errors.Positive($"{Key}:MaxSourcePixels", options.MaxSourcePixels);
        errors.Positive($"{Key}:MaxSourceFrames", options.MaxSourceFrames);
        errors.Positive($"{Key}:MaxAnimationPixels", options.MaxAnimationPixels);
        errors.Positive($"{Key}:MaxAnimatedOutputPixels", options.MaxAnimatedOutputPixels);
        errors.Positive($"{Key}:MaxOutputPixels", options.MaxOutputPixels);
        errors.Positive($"{Key}:TransformTimeoutSeconds", options.TransformTimeoutSeconds);
        errors.Positive($"{Key}:MaxDecodeAllocationMegabytes", options.MaxDecodeAllocationMegabytes);
        errors.Positive($"{Key}:MaxDecodeMemoryMegabytes", options.MaxDecodeMemoryMegabytes);
        if (options.MaxConcurrentTransforms < 0)
        {
            errors.Add($"{Key}:MaxConcurrentTransforms must be 0 (one per core) or more (got {options.MaxConcurrentTransforms}).");
        }

        if (options.MaxQueuedTransforms < 0)
        {
            errors.Add($"{Key}:MaxQueuedTransforms must be 0 (no cap: the predicted wait decides) or more (got {options.MaxQueuedTransforms}).");
        }

        if (options.MaxQueueWaitSeconds < 0 || (options.TransformTimeoutSeconds > 0 && options.MaxQueueWaitSeconds > options.TransformTimeoutSeconds))
        {
            errors.Add($"{Key}:MaxQueueWaitSeconds must be from 0 (no bound beyond Limits:TransformTimeoutSeconds) to Limits:TransformTimeoutSeconds ({options.TransformTimeoutSeconds}): the longest predicted wait for a transform slot before a request is refused with 503 (got {options.MaxQueueWaitSeconds}).");
        }

        return errors.Result();
    }
}
