using MediaEdge.Composition;
using Microsoft.Extensions.Options;

namespace MediaEdge.Video.Streaming;

/// <summary>Checks <c>MediaEdge:Video:Hls</c> at start: the segment length and the rendition heights; each failure names its key.</summary>
public sealed class HlsOptionsValidator : IValidateOptions<HlsOptions>
{
    private const string Key = "MediaEdge:Video:Hls";

    /// <summary>Longest segment allowed, in seconds: one segment is one ffmpeg run, which must finish within Video:TimeoutSeconds.</summary>
    public const int MaxSegmentSeconds = 10;

    public ValidateOptionsResult Validate(string? name, HlsOptions options)
    {
        var errors = new OptionErrors();
        if (options.SegmentSeconds is < 1 or > MaxSegmentSeconds)
        {
            errors.Add($"{Key}:SegmentSeconds must be from 1 to {MaxSegmentSeconds} (got {options.SegmentSeconds}).");
        }

        for (var i = 0; i < options.Heights.Length; i++)
        {
            if (options.Heights[i] is < 2 or > 4320 || options.Heights[i] % 2 != 0)
            {
                errors.Add($"{Key}:Heights:{i} must be an even height from 2 to 4320 pixels (got {options.Heights[i]}).");
            }
        }

        return errors.Result();
    }
}
