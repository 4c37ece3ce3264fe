using MediaEdge.Requests;

namespace MediaEdge.Video;

/// <summary>Gives the image pipeline one frame of a video, as PNG bytes, upright.</summary>
public interface IFrameSource
{
    Task<ReadOnlyMemory<byte>> ExtractFrameAsync(ResolvedSource source, VideoFrame frame);
}
