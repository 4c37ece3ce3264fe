using MediaEdge.Caching;
using MediaEdge.Origins;

namespace MediaEdge.Video;

/// <summary>
/// One video source opened to ffmpeg for one job: a loopback URL with an unguessable token, valid until disposed,
/// and a count of the bytes its reads cost the origin.
/// </summary>
public sealed class MediaLease : IDisposable
{
    private readonly Action<string> _release;
    private long _originBytes;

    internal MediaLease(string token, Uri url, string source, IOrigin origin, string key, SourceState state, Action<string> release)
    {
        Token = token;
        Url = url;
        Source = source;
        Origin = origin;
        Key = key;
        State = state;
        _release = release;
    }

    public string Token { get; }

    /// <summary>What ffmpeg opens.</summary>
    public Uri Url { get; }

    public string Source { get; }

    public IOrigin Origin { get; }

    public string Key { get; }

    public SourceState State { get; }

    /// <summary>Bytes read from the origin on behalf of this job (blocks already cached cost nothing).</summary>
    public long OriginBytes => Interlocked.Read(ref _originBytes);

    public void Dispose() => _release(Token);

    internal void Count(long bytes) => Interlocked.Add(ref _originBytes, bytes);
}
