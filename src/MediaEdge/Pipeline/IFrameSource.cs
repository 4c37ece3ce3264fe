namespace MediaEdge.Pipeline;

/// <summary>Gives the image pipeline one frame of a video, as PNG bytes, upright.</summary>
public interface IFrameSource
{
    /// <param name="cancellationToken">Cancelled when nobody waits for the frame any more: ffmpeg is then killed.</param>
    Task<ReadOnlyMemory<byte>> ExtractFrameAsync(ResolvedSource source, VideoFrame frame, CancellationToken cancellationToken);
}
