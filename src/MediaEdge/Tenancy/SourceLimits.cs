using System.Collections.Frozen;
using MediaEdge.Limits;
using MediaEdge.Origins;
using MediaEdge.Video;

namespace MediaEdge.Tenancy;

/// <summary>
/// Each source's effective limits: the node's (MediaEdge:Limits, MediaEdge:Video), with the source's own
/// (MediaEdge:Sources:{name}:Limits) in their place; made once at start. A source without overrides, or one not
/// configured, has the node's.
/// </summary>
public sealed class SourceLimits
{
    private readonly LimitsOptions _node;
    private readonly VideoOptions _video;
    private readonly FrozenDictionary<string, LimitsOptions> _images;
    private readonly FrozenDictionary<string, ClipLimitValues> _clips;
    private readonly ClipLimitValues _nodeClips;

    public SourceLimits(LimitsOptions node, VideoOptions video, IReadOnlyDictionary<string, SourceOptions> sources)
    {
        _node = node;
        _video = video;
        _images = sources.ToFrozenDictionary(s => s.Key, s => ImagesOf(s.Key, s.Value.Limits), StringComparer.Ordinal);
        _clips = sources.ToFrozenDictionary(s => s.Key, s => ClipsOf(s.Key, s.Value.Limits), StringComparer.Ordinal);
        _nodeClips = ClipsOf("", new SourceLimitsOptions());
    }

    /// <summary>The image limits of <paramref name="source"/>: the node's, with the source's overrides.</summary>
    public LimitsOptions For(string source) => _images.GetValueOrDefault(source) ?? _node;

    /// <summary>The clip limits of <paramref name="source"/>: Video:MaxClip*, with the source's overrides.</summary>
    public ClipLimitValues ClipsFor(string source) => _clips.GetValueOrDefault(source) ?? _nodeClips;

    private LimitsOptions ImagesOf(string source, SourceLimitsOptions own)
    {
        var overridden = new HashSet<string>(StringComparer.Ordinal);
        var limits = _node.CopyOverriddenBy($"Sources:{source}:Limits", overridden);
        Take(own.MaxSourceBytes, v => limits.MaxSourceBytes = v, nameof(own.MaxSourceBytes));
        Take(own.MaxSourcePixels, v => limits.MaxSourcePixels = v, nameof(own.MaxSourcePixels));
        Take(own.MaxSourceFrames, v => limits.MaxSourceFrames = v, nameof(own.MaxSourceFrames));
        Take(own.MaxAnimationPixels, v => limits.MaxAnimationPixels = v, nameof(own.MaxAnimationPixels));
        Take(own.MaxAnimatedOutputPixels, v => limits.MaxAnimatedOutputPixels = v, nameof(own.MaxAnimatedOutputPixels));
        Take(own.MaxOutputPixels, v => limits.MaxOutputPixels = v, nameof(own.MaxOutputPixels));
        return overridden.Count == 0 ? _node : limits;

        void Take<T>(T? value, Action<T> set, string name)
            where T : struct
        {
            if (value is { } v)
            {
                set(v);
                overridden.Add(name);
            }
        }
    }

    private ClipLimitValues ClipsOf(string source, SourceLimitsOptions own)
    {
        string Key(string name, object? value) => value is null ? $"Video:{name}" : $"Sources:{source}:Limits:{name}";
        return new ClipLimitValues(
            own.MaxClipSourceBytes ?? _video.MaxClipSourceBytes,
            Key(nameof(own.MaxClipSourceBytes), own.MaxClipSourceBytes),
            own.MaxClipSeconds ?? _video.MaxClipSeconds,
            Key(nameof(own.MaxClipSeconds), own.MaxClipSeconds),
            own.MaxClipPixels ?? _video.MaxClipPixels,
            Key(nameof(own.MaxClipPixels), own.MaxClipPixels));
    }
}

/// <summary>A source's clip limits, each with the configuration key it was read from (for the problem naming it).</summary>
public sealed record ClipLimitValues(long MaxSourceBytes, string MaxSourceBytesKey, double MaxSeconds, string MaxSecondsKey, long MaxPixels, string MaxPixelsKey);
