using MediaEdge.Caching;

namespace MediaEdge.Video;

/// <summary>A video output (animated preview, storyboard and its cues): its bytes, the cache tier that answered, whether it was served stale, and its Cache-Control max-age in seconds.</summary>
public sealed record VideoOutput(CachedImage Image, string Tier, bool Stale, int MaxAgeSeconds);
