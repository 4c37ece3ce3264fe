using MediaEdge.Composition;
using Microsoft.Extensions.Options;

namespace MediaEdge.Video;

/// <summary>Checks <c>MediaEdge:Video</c> at start: processes, times, animation, storyboard and clip bounds, the read block size; each failure names its key.</summary>
public sealed class VideoOptionsValidator : IValidateOptions<VideoOptions>
{
    private const string Key = "MediaEdge:Video";

    public ValidateOptionsResult Validate(string? name, VideoOptions options)
    {
        var errors = new OptionErrors();
        errors.Positive($"{Key}:MaxProcesses", options.MaxProcesses);
        errors.Positive($"{Key}:TimeoutSeconds", options.TimeoutSeconds);
        if (options.MaxQueueWaitSeconds is < 1 or > 3600)
        {
            errors.Add($"{Key}:MaxQueueWaitSeconds must be from 1 to 3600: the longest a video job may be predicted to wait for an ffmpeg process before it is refused with 503 (got {options.MaxQueueWaitSeconds}).");
        }

        if (!(options.MaxAnimatedSeconds > 0 && double.IsFinite(options.MaxAnimatedSeconds)))
        {
            errors.Add($"{Key}:MaxAnimatedSeconds must be greater than 0 (got {options.MaxAnimatedSeconds}).");
        }

        errors.Positive($"{Key}:MaxAnimatedFps", options.MaxAnimatedFps);
        errors.Positive($"{Key}:MaxAnimatedDimension", options.MaxAnimatedDimension);
        errors.Positive($"{Key}:MaxStoryboardTiles", options.MaxStoryboardTiles);
        errors.Positive($"{Key}:MaxClipSourceBytes", options.MaxClipSourceBytes);
        if (!(options.MaxClipSeconds > 0 && double.IsFinite(options.MaxClipSeconds)))
        {
            errors.Add($"{Key}:MaxClipSeconds must be greater than 0 (got {options.MaxClipSeconds}).");
        }

        errors.Positive($"{Key}:MaxClipPixels", options.MaxClipPixels);
        errors.Positive($"{Key}:ClipTimeoutSeconds", options.ClipTimeoutSeconds);
        errors.Positive($"{Key}:MaxClipProcesses", options.MaxClipProcesses);
        if (options.BlockBytes < 4096)
        {
            errors.Add($"{Key}:BlockBytes must be 4096 or more (got {options.BlockBytes}).");
        }

        return errors.Result();
    }
}
