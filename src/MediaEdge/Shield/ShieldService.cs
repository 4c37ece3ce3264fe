using MediaEdge.Caching;
using MediaEdge.Origins;
using MediaEdge.Requests;

namespace MediaEdge.Shield;

/// <summary>
/// The /o/ route: an RFC 9111 shared cache in front of the origins. GET and HEAD are answered from storage while fresh
/// (§4.2), served stale within stale-while-revalidate (revalidated in the background) or stale-if-error, and otherwise
/// revalidated with the stored validators (§4.3); a 304 or HEAD response refreshes the stored fields (§4.3.4, §4.3.5).
/// Other methods pass through, and unsafe ones invalidate the target and same-origin Location/Content-Location (§4.4).
/// Bodies over Cache:MaxOriginalBytes are streamed through without being stored.
/// </summary>
public sealed class ShieldService
{
    private static readonly string[] CacheOwnedRequestFields = ["If-None-Match", "If-Modified-Since", "If-Match", "If-Unmodified-Since", "If-Range", "Range"];

    // Edge Architecture 1.0 §2.1: announces this cache as a surrogate, so Surrogate-Control directives can be ";mediaedge"-targeted at it.
    private static readonly HeaderField SurrogateCapability = new("Surrogate-Capability", ExpirationModel.SurrogateToken + "=\"Surrogate/1.0\"");

    private readonly OriginRegistry _origins;
    private readonly SourceVersions _versions;
    private readonly ShieldStore _store;
    private readonly ExpirationModel _model;
    private readonly CacheOptions _cache;
    private readonly TimeProvider _time;
    private readonly SingleFlight<StoredResponse?> _fetches = new();
    private readonly SingleFlight<bool> _revalidations = new();

    public ShieldService(OriginRegistry origins, SourceVersions versions, ShieldStore store, ExpirationModel model, CacheOptions cache, TimeProvider time)
    {
        _origins = origins;
        _versions = versions;
        _store = store;
        _model = model;
        _cache = cache;
        _time = time;
    }

    /// <summary>True where the source's origin speaks HTTP (methods other than GET and HEAD can pass through).</summary>
    public bool Forwards(string source) => _origins.Get(source) is IForwardingOrigin;

    public async Task<ShieldResult> SendAsync(ShieldRequest request, CancellationToken cancellationToken)
    {
        var key = ObjectKey.Validate(request.Key);
        var origin = _origins.Get(request.Source);
        var upstream = origin as IForwardingOrigin;
        // A folder or blob store has no query: every query names the same object.
        var query = upstream is null ? string.Empty : request.Query;
        request = request with { Key = key, Query = query };
        var target = new Target(request.Source, upstream, new StoreForwarder(origin, _cache), SourceVersions.IdOf(request.Source, query.Length == 0 ? key : key + "?" + query));

        if (!request.IsCacheable)
        {
            return await PassAsync(request, target, cancellationToken).ConfigureAwait(false);
        }

        var version = await _versions.GetAsync(target.Id).ConfigureAwait(false);
        var names = await _store.VaryNamesAsync(target.Id, version).ConfigureAwait(false);
        var variant = ShieldStore.VariantOf(target.Id, version.Version, names, request.Headers);
        var (stored, tier) = await _store.GetAsync(variant, version).ConfigureAwait(false);
        if (stored is null || (request.HasAuthorization && !AllowsAuthorized(stored.Head)))
        {
            return await MissAsync(request, target, version, variant, cancellationToken).ConfigureAwait(false);
        }

        var now = _time.GetUtcNow();
        var age = ExpirationModel.CurrentAge(stored.Head, now);
        var d = ExpirationModel.Directives(stored.Headers);
        var lifetime = d.NoCache ? TimeSpan.Zero : _model.FreshnessLifetime(stored.Head);
        if (age < lifetime)
        {
            return Serve(stored, age, tier, validated: false);
        }

        if (!d.ForbidsStale && age < lifetime + _model.StaleWhileRevalidate(stored.Head))
        {
            _ = Task.Run(() => RevalidateQuietlyAsync(request, target, version, variant, stored));
            return Serve(stored, age, "stale", validated: false);
        }

        try
        {
            var result = request.Method == "HEAD"
                ? await HeadAsync(request, target, version, variant, stored, cancellationToken).ConfigureAwait(false)
                : await RevalidateAsync(request, target, version, variant, stored, cancellationToken).ConfigureAwait(false);
            if (result.Status is 500 or 502 or 503 or 504 && MayServeOnError(stored, d, age, lifetime))
            {
                await result.DisposeAsync().ConfigureAwait(false);
                return Serve(stored, age, "stale", validated: false);
            }

            return result;
        }
        catch (ProblemException e) when (e.Status is 502 or 504 && age < lifetime + _model.StaleWhenDisconnected(stored.Head))
        {
            // The origin could not be reached or did not answer: a disconnected cache may serve stale (RFC 9111 §4.2.4).
            return Serve(stored, age, "stale", validated: false);
        }
    }

    private bool MayServeOnError(StoredResponse stored, CacheControl d, TimeSpan age, TimeSpan lifetime) =>
        !d.ForbidsStale && age < lifetime + _model.StaleIfError(stored.Head);

    /// <summary>RFC 9111 §3.5: a response stored for one request is reused for a request with Authorization only where it says so.</summary>
    private static bool AllowsAuthorized(ResponseHead head)
    {
        var d = ExpirationModel.Directives(head.Headers);
        return d.Public || d.SharedMaxAge is not null || d.MustRevalidate;
    }

    private async Task<ShieldResult> MissAsync(ShieldRequest request, Target target, SourceVersion version, string variant, CancellationToken cancellationToken)
    {
        var conditional = request.Headers.Has("If-None-Match") || request.Headers.Has("If-Modified-Since");
        if (request.Method == "HEAD" || conditional || request.HasAuthorization)
        {
            // Forwarded as the client asked (§4.3.2: a conditional with nothing stored goes on unchanged); a full answer may still be stored.
            var outgoing = request with { Headers = request.Headers.Without(["Range", "If-Range"]) };
            return await AdoptAsync(outgoing, target, version, variant, await ForwardAsync(outgoing, target, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        }

        ShieldResult? mine = null;
        var (stored, shared) = await _fetches.RunAsync(variant, async () =>
        {
            var outgoing = request with { Headers = request.Headers.Without(CacheOwnedRequestFields) };
            var adopted = await AdoptAsync(outgoing, target, version, variant, await ForwardAsync(outgoing, target, CancellationToken.None).ConfigureAwait(false)).ConfigureAwait(false);
            mine = adopted;
            return adopted.Stored;
        }).ConfigureAwait(false);

        if (!shared && mine is not null)
        {
            // The request that fetched gets the answer as sent, fields kept out of storage (private="…", Set-Cookie) included.
            return mine;
        }

        if (stored is not null)
        {
            return Serve(stored, ExpirationModel.CurrentAge(stored.Head, _time.GetUtcNow()), "miss", validated: true);
        }

        // Another request's answer was not storable, and its stream is its own: ask for ours.
        var own = request with { Headers = request.Headers.Without(CacheOwnedRequestFields) };
        return await AdoptAsync(own, target, version, variant, await ForwardAsync(own, target, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
    }

    /// <summary>§4.3.1: a conditional GET carrying the stored validators; a 304 refreshes the stored fields, anything else replaces them.</summary>
    private async Task<ShieldResult> RevalidateAsync(ShieldRequest request, Target target, SourceVersion version, string variant, StoredResponse stored, CancellationToken cancellationToken)
    {
        // §4.3.1: the entity-tag where there is one, and Last-Modified besides where there is one (one stored response, no subrange).
        var fields = request.Headers.Without(CacheOwnedRequestFields).ToList();
        if (stored.Headers.First("ETag") is { } etag)
        {
            fields.Add(new HeaderField("If-None-Match", etag));
        }

        if (stored.Headers.First("Last-Modified") is { } modified)
        {
            fields.Add(new HeaderField("If-Modified-Since", modified));
        }

        var outgoing = request with { Method = "GET", Headers = fields };
        var requestTime = _time.GetUtcNow();
        var response = await ForwardAsync(outgoing, target, cancellationToken).ConfigureAwait(false);
        if (response.Status != 304)
        {
            return await AdoptAsync(outgoing, target, version, variant, response, requestTime).ConfigureAwait(false);
        }

        await response.DisposeAsync().ConfigureAwait(false);
        var refreshed = new StoredResponse(stored.Head with
        {
            Headers = stored.Headers.UpdatedBy(response.Headers),
            RequestTime = requestTime,
            ResponseTime = _time.GetUtcNow(),
        }, stored.Body);
        await _store.SetAsync(variant, version, refreshed).ConfigureAwait(false);
        return Serve(refreshed, ExpirationModel.CurrentAge(refreshed.Head, _time.GetUtcNow()), "revalidated", validated: true);
    }

    /// <summary>§4.3.5: a HEAD sent on for a stale stored response; where its validators match, its fields refresh the stored ones.</summary>
    private async Task<ShieldResult> HeadAsync(ShieldRequest request, Target target, SourceVersion version, string variant, StoredResponse stored, CancellationToken cancellationToken)
    {
        var outgoing = request with { Headers = request.Headers.Without(CacheOwnedRequestFields) };
        var requestTime = _time.GetUtcNow();
        var response = await ForwardAsync(outgoing, target, cancellationToken).ConfigureAwait(false);
        if (response.Status != 200 || !SameValidators(stored.Headers, response.Headers))
        {
            if (response.Status is >= 200 and < 400)
            {
                await _store.RemoveAsync(variant).ConfigureAwait(false);
            }

            return Passed(response, "pass");
        }

        await response.DisposeAsync().ConfigureAwait(false);
        var refreshed = new StoredResponse(stored.Head with
        {
            Headers = stored.Headers.UpdatedBy(response.Headers),
            RequestTime = requestTime,
            ResponseTime = _time.GetUtcNow(),
        }, stored.Body);
        await _store.SetAsync(variant, version, refreshed).ConfigureAwait(false);
        return Serve(refreshed, ExpirationModel.CurrentAge(refreshed.Head, _time.GetUtcNow()), "revalidated", validated: true);
    }

    private static bool SameValidators(IReadOnlyList<HeaderField> stored, IReadOnlyList<HeaderField> fresh)
    {
        var (a, b) = (stored.First("ETag"), fresh.First("ETag"));
        if (a is not null || b is not null)
        {
            return a is not null && b is not null && EntityTags.StrongMatch(a, b);
        }

        var (x, y) = (stored.First("Last-Modified"), fresh.First("Last-Modified"));
        return x is not null && x == y;
    }

    private async Task RevalidateQuietlyAsync(ShieldRequest request, Target target, SourceVersion version, string variant, StoredResponse stored)
    {
        try
        {
            await _revalidations.RunAsync(variant, async () =>
            {
                await using var result = await RevalidateAsync(request with { Method = "GET" }, target, version, variant, stored, CancellationToken.None).ConfigureAwait(false);
                return true;
            }).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The stale copy stays; a request past the window revalidates in the foreground.
        }
    }

    /// <summary>Methods other than GET and HEAD: sent on with their content; a 2xx/3xx to an unsafe one invalidates (§4.4).</summary>
    private async Task<ShieldResult> PassAsync(ShieldRequest request, Target target, CancellationToken cancellationToken)
    {
        var response = await ForwardAsync(request, target, cancellationToken).ConfigureAwait(false);
        if (request.IsUnsafe && response.Status is >= 200 and < 400)
        {
            await _versions.PurgeAsync(target.Id).ConfigureAwait(false);
            foreach (var location in response.Headers.All("Location").Concat(response.Headers.All("Content-Location")))
            {
                if (SameOrigin(target, request, location) is { } other)
                {
                    await _versions.PurgeAsync(SourceVersions.IdOf(target.Source, other)).ConfigureAwait(false);
                }
            }
        }

        return Passed(response, "pass");
    }

    /// <summary>The key (and query) a Location names where it is under the same origin's base URL; else null (§4.4: other origins are not invalidated).</summary>
    private static string? SameOrigin(Target target, ShieldRequest request, string location)
    {
        if (target.Upstream is not { } upstream
            || !Uri.TryCreate(upstream.BaseAddress, string.Join('/', request.Key.Split('/').Select(Uri.EscapeDataString)), out var requestUri)
            || !Uri.TryCreate(requestUri, location, out var uri))
        {
            return null;
        }

        var root = upstream.BaseAddress;
        if (!Uri.Compare(uri, root, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase).Equals(0)
            || !uri.AbsolutePath.StartsWith(root.AbsolutePath, StringComparison.Ordinal))
        {
            return null;
        }

        var key = Uri.UnescapeDataString(uri.AbsolutePath[root.AbsolutePath.Length..]);
        return uri.Query.Length > 1 ? key + uri.Query : key;
    }

    /// <summary>Stores a GET's answer where RFC 9111 and Cache:MaxOriginalBytes allow; else passes its stream on (and drops an older stored variant).</summary>
    private async Task<ShieldResult> AdoptAsync(ShieldRequest request, Target target, SourceVersion version, string variant, ForwardedResponse response, DateTimeOffset? requestTime = null)
    {
        var sent = requestTime ?? _time.GetUtcNow();
        var received = _time.GetUtcNow();
        var fields = response.Headers.EndToEnd();
        var unstorable = request.Method != "GET" ? "method" : ExpirationModel.Unstorable(response.Status, fields, request.HasAuthorization);
        if (unstorable is not null || response.Length > _cache.MaxOriginalBytes)
        {
            if (request.Method == "GET" && response.Status is >= 200 and not 206 and not 304)
            {
                await _store.RemoveAsync(variant).ConfigureAwait(false);
            }

            return Passed(response, "pass");
        }

        var limit = (int)Math.Min(_cache.MaxOriginalBytes, int.MaxValue - 1);
        var buffer = new byte[response.Length >= 0 ? response.Length : Math.Min(limit + 1, 81920)];
        var filled = 0;
        while (true)
        {
            if (filled == buffer.Length)
            {
                if (filled > limit)
                {
                    // Longer than the limit: what was read goes first, then the rest, unstored.
                    return Passed(new ForwardedResponse(response.Status, response.Headers, new PrefixedStream(buffer, response.Body), -1, new Disposer(response)), "pass");
                }

                if (response.Length >= 0)
                {
                    break;
                }

                Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, limit + 1L));
            }

            var n = await response.Body.ReadAsync(buffer.AsMemory(filled)).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            filled += n;
        }

        await response.DisposeAsync().ConfigureAwait(false);
        if (_model.ConfiguredCacheControl(response.Status, fields) is { } configured)
        {
            // The origin said nothing about freshness: the configured freshness is what is applied, so it is what is advertised.
            fields = [.. fields, new HeaderField("Cache-Control", configured)];
        }

        var d = ExpirationModel.Directives(fields);
        // Set-Cookie goes to the client that caused the fetch, never to others from storage: one user's session is not everyone's.
        var head = new ResponseHead(response.Status, fields.Without([.. d.PrivateFields, "Set-Cookie"]), sent, received, request.HasAuthorization);
        var stored = new StoredResponse(head, buffer.AsMemory(0, filled));
        var names = FieldLines.Names(fields.All("Vary"));
        var storedVariant = ShieldStore.VariantOf(target.Id, version.Version, names, request.Headers);
        await _store.SetVaryNamesAsync(target.Id, version, names).ConfigureAwait(false);
        await _store.SetAsync(storedVariant, version, stored).ConfigureAwait(false);
        return Serve(stored, ExpirationModel.CurrentAge(head, received), "miss", validated: true, original: fields);
    }

    private async Task<ForwardedResponse> ForwardAsync(ShieldRequest request, Target target, CancellationToken cancellationToken)
    {
        var outgoing = new ForwardedRequest(request.Method, request.Key, request.Query, request.Headers, request.Body);
        return target.Upstream is { } upstream
            ? await upstream.ForwardAsync(outgoing with { Headers = [.. request.Headers, SurrogateCapability] }, cancellationToken).ConfigureAwait(false)
            : await target.Store.ForwardAsync(outgoing, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A stored response to send: fields named by no-cache="…" only right after validation (§5.2.2.4).</summary>
    private static ShieldResult Serve(StoredResponse stored, TimeSpan age, string tier, bool validated, IReadOnlyList<HeaderField>? original = null)
    {
        var headers = original ?? stored.Headers;
        if (!validated)
        {
            headers = headers.Without(ExpirationModel.Directives(stored.Headers).NoCacheFields);
        }

        return new ShieldResult(stored.Status, headers, stored, null, age, tier);
    }

    private static ShieldResult Passed(ForwardedResponse response, string tier) =>
        new(response.Status, response.Headers.EndToEnd(), null, response, null, tier);

    private sealed record Target(string Source, IForwardingOrigin? Upstream, StoreForwarder Store, string Id);

    private sealed class Disposer(ForwardedResponse response) : IDisposable
    {
        public void Dispose() => response.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
