using MediaEdge.Caching;
using MediaEdge.Diagnostics;
using MediaEdge.Imaging;
using MediaEdge.Origins;
using MediaEdge.Requests;

namespace MediaEdge.Pipeline;

/// <summary>
/// Turns a source name and key into what every route needs before its cache lookup: the origin, the object's purge
/// version, and its validator — cached while fresh, revalidated in the background while stale-while-revalidate,
/// served stale on origin errors within stale-if-error.
/// </summary>
public sealed class SourceResolver
{
    private readonly OriginRegistry _origins;
    private readonly SourceStates _states;
    private readonly SourceVersions _versions;
    private readonly FreshnessPolicy _freshness;
    private readonly MediaEdgeMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly SingleFlight<SourceState> _validations = new();
    private int _backgroundRevalidations;
    private int _backgroundRevalidationsSettled;

    public SourceResolver(OriginRegistry origins, SourceStates states, SourceVersions versions, FreshnessPolicy freshness, MediaEdgeMetrics metrics, TimeProvider time)
    {
        _origins = origins;
        _states = states;
        _versions = versions;
        _freshness = freshness;
        _metrics = metrics;
        _time = time;
    }

    /// <summary>Background revalidations started (stale-while-revalidate), for tests.</summary>
    public int BackgroundRevalidations => Volatile.Read(ref _backgroundRevalidations);

    /// <summary>Background revalidations finished, answered or failed, and out of the single flight, for tests: a request after this no longer joins them.</summary>
    public int BackgroundRevalidationsSettled => Volatile.Read(ref _backgroundRevalidationsSettled);

    public async Task<ResolvedSource> ResolveAsync(string source, string key)
    {
        ObjectKey.Validate(key);
        var origin = _origins.Get(source);
        var id = SourceVersions.IdOf(source, key);
        var version = await _versions.GetAsync(id).ConfigureAwait(false);
        var (state, stale) = await ResolveStateAsync(source, origin, key, id, version).ConfigureAwait(false);
        return new ResolvedSource(source, key, origin, id, version, state, stale);
    }

    /// <summary>
    /// True where <paramref name="state"/>, read earlier under purge version <paramref name="version"/>, is still this
    /// node's current state of the object (not purged, not revalidated since) and fresh (RFC 9111 4.2): a variant keyed
    /// under it is still the answer.
    /// </summary>
    public async ValueTask<bool> IsCurrentAndFreshAsync(string id, long version, SourceState state)
    {
        var current = await _versions.GetAsync(id).ConfigureAwait(false);
        return current.Version == version
            && ReferenceEquals(_states.Local(id, current), state)
            && _freshness.Classify(state.ValidatedAt, _time.GetUtcNow()) == Freshness.Fresh;
    }

    /// <summary>What the header of the source's current bytes said, if a request has read it: lets a request settle its output (the AVIF budget) before its cache lookup.</summary>
    public Task<SourceInfo?> GetImageAsync(ResolvedSource resolved) => _states.GetImageAsync(resolved.Id, resolved.Version, resolved.State.Validator);

    /// <summary>Keeps what the header of the source's current bytes said (L1 and L2), under their validator.</summary>
    public Task RememberImageAsync(ResolvedSource resolved, SourceInfo image) => _states.SetImageAsync(resolved.Id, resolved.Version, resolved.State.Validator, image);

    public static OriginObjectInfo ToInfo(SourceState state) => new(state.Validator, state.Length, state.LastModified, state.ContentType);

    /// <summary>The source's validator: cached while fresh, revalidated in the background while stale-while-revalidate, served stale on origin errors within stale-if-error.</summary>
    private async Task<(SourceState State, bool Stale)> ResolveStateAsync(string source, IOrigin origin, string key, string id, SourceVersion version)
    {
        var state = await _states.GetAsync(id, version).ConfigureAwait(false);
        if (state is null)
        {
            return (await ValidateAsync(source, origin, key, id, version, null).ConfigureAwait(false), false);
        }

        var now = _time.GetUtcNow();
        switch (_freshness.Classify(state.ValidatedAt, now))
        {
            case Freshness.Fresh:
                return (state, false);
            case Freshness.StaleWhileRevalidate:
                _metrics.StaleServed("revalidating");
                Interlocked.Increment(ref _backgroundRevalidations);
                _ = Task.Run(async () =>
                {
                    try
                    {
                        await ValidateAsync(source, origin, key, id, version, state).ConfigureAwait(false);
                    }
                    catch (Exception)
                    {
                        // The origin failing leaves the stale state in place; the next request past the window tries again.
                    }
                    finally
                    {
                        Interlocked.Increment(ref _backgroundRevalidationsSettled);
                    }
                });
                return (state, true);
            default:
                try
                {
                    return (await ValidateAsync(source, origin, key, id, version, state).ConfigureAwait(false), false);
                }
                catch (ProblemException e) when (e.Status >= 500 && _freshness.MayServeOnError(state.ValidatedAt, now))
                {
                    _metrics.StaleServed("origin-error");
                    return (state, true);
                }
        }
    }

    /// <summary>
    /// Asks the origin (once per node at a time): a first look, or a conditional request against what is known,
    /// where an unchanged answer only extends freshness and no variant is computed again.
    /// </summary>
    private async Task<SourceState> ValidateAsync(string source, IOrigin origin, string key, string id, SourceVersion version, SourceState? known)
    {
        var (state, _) = await _validations.RunAsync(id + ":" + version.Version, async () =>
        {
            OriginObjectInfo? info;
            try
            {
                info = known is null
                    ? await origin.StatAsync(key, CancellationToken.None).ConfigureAwait(false)
                    : await origin.RevalidateAsync(key, ToInfo(known), CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not ProblemException)
            {
                throw Problems.OriginFailed(source, $"The origin of '{source}' failed: {e.Message}", e);
            }

            var now = _time.GetUtcNow();
            var fresh = info is null
                ? known! with { ValidatedAt = now }
                : new SourceState(info.Validator, info.Length, info.LastModified, info.ContentType, now);
            await _states.SetAsync(id, version, fresh).ConfigureAwait(false);
            return fresh;
        }).ConfigureAwait(false);
        return state;
    }

}
