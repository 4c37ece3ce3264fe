namespace MediaEdge.Video;

/// <summary>A process slot held by one video job (see <see cref="VideoJobQueue"/>); disposing it frees the slot.</summary>
public sealed class VideoJobSlot : IDisposable
{
    private readonly VideoJobQueue _queue;
    private readonly long _id;
    private readonly VideoJob _kind;
    private bool _completed;
    private int _disposed;

    internal VideoJobSlot(VideoJobQueue queue, long id, VideoJob kind)
    {
        _queue = queue;
        _id = id;
        _kind = kind;
    }

    /// <summary>The job ran to its end (whatever it found): its duration joins the moving average. A cancelled or killed run's does not.</summary>
    public void Completed() => _completed = true;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _queue.Leave(_id, _kind, _completed);
        }
    }
}
