using System.Globalization;

namespace MediaEdge.Caching;

/// <summary>The RFC 5861 windows (fresh, stale-while-revalidate, stale-if-error), measured from when the source was last validated.</summary>
public sealed class FreshnessPolicy
{
    private readonly CacheOptions _options;

    /// <summary>The windows of <see cref="CacheOptions.FreshSeconds"/>, <see cref="CacheOptions.StaleWhileRevalidateSeconds"/> and <see cref="CacheOptions.StaleIfErrorSeconds"/>.</summary>
    public FreshnessPolicy(CacheOptions options)
    {
        _options = options;
    }

    /// <summary>Where a state validated at <paramref name="validatedAt"/> stands at <paramref name="now"/>; each window is half-open.</summary>
    public Freshness Classify(DateTimeOffset validatedAt, DateTimeOffset now)
    {
        var age = now - validatedAt;
        if (age < TimeSpan.FromSeconds(_options.FreshSeconds))
        {
            return Freshness.Fresh;
        }

        return age < TimeSpan.FromSeconds((long)_options.FreshSeconds + _options.StaleWhileRevalidateSeconds)
            ? Freshness.StaleWhileRevalidate
            : Freshness.MustRevalidate;
    }

    /// <summary>True where a state this old may still be served because the origin is failing.</summary>
    public bool MayServeOnError(DateTimeOffset validatedAt, DateTimeOffset now) =>
        now - validatedAt < TimeSpan.FromSeconds((long)_options.FreshSeconds + _options.StaleIfErrorSeconds);

    /// <summary>
    /// The <c>max-age</c> of any output of a source validated at <paramref name="validatedAt"/>: the freshness it has left,
    /// in whole seconds rounded up (RFC 9111 §4.2.1), or 0 when it is served stale. Every route answers by this one rule.
    /// </summary>
    public int MaxAgeSeconds(DateTimeOffset validatedAt, DateTimeOffset now, bool stale) =>
        stale ? 0 : (int)Math.Ceiling(Math.Max(0, _options.FreshSeconds - (now - validatedAt).TotalSeconds));

    /// <summary>
    /// The Cache-Control of every response MediaEdge words itself (images, dialects, video stills, previews, storyboards,
    /// and /o/ answers whose origin said nothing about freshness): public, <paramref name="maxAgeSeconds"/>, and the configured stale windows.
    /// </summary>
    public string CacheControl(int maxAgeSeconds) => CacheControl(_options, maxAgeSeconds);

    /// <summary><see cref="CacheControl(int)"/> for the windows of <paramref name="options"/>, for a caller that holds the options rather than a policy.</summary>
    public static string CacheControl(CacheOptions options, int maxAgeSeconds) => string.Create(
        CultureInfo.InvariantCulture,
        $"public, max-age={maxAgeSeconds}, stale-while-revalidate={options.StaleWhileRevalidateSeconds}, stale-if-error={options.StaleIfErrorSeconds}");

    /// <summary>The Cache-Control of a response validated just now: <see cref="CacheControl(int)"/> with the whole of FreshSeconds.</summary>
    public string FreshCacheControl => CacheControl(_options.FreshSeconds);

    /// <summary>How long any entry needs keeping: the longest window.</summary>
    public TimeSpan Retention =>
        TimeSpan.FromSeconds((long)_options.FreshSeconds + Math.Max(_options.StaleWhileRevalidateSeconds, _options.StaleIfErrorSeconds));
}
