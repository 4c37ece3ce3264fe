namespace MediaEdge.IntegrationTests.Shield.Rfc9111;

public static partial class CacheCases
{
    /// <summary>no-store, must-understand, private, no-cache, must-revalidate, proxy-revalidate, immutable, and requests with Authorization.</summary>
    private static IEnumerable<CacheCase> Directives()
    {
        yield return Case("RFC 9111 §5.2.2.5", "a no-store response is never stored, so every request reaches the origin",
            [Ok("Cache-Control: no-store")],
            Get().Forwarded().Returning("Cache-Control: no-store").WithBody(Body),
            Get().Forwarded().Returning("Cache-Control: no-store").WithBody(Body));

        yield return Case("RFC 9111 §5.2.2.5", "no-store wins over max-age=60 in the same header",
            [Ok("Cache-Control: max-age=60, no-store")],
            Get().Forwarded(),
            Get(1).Forwarded());

        yield return Case("RFC 9111 §5.2", "NO-STORE in upper case is still no-store",
            [Ok("Cache-Control: NO-STORE, max-age=60")],
            Get().Forwarded(),
            Get(1).Forwarded());

        foreach (var status in new[] { 200, 404 })
        {
            yield return Case("RFC 9111 §5.2.2.3", $"must-understand on a {status}, whose caching rules are understood, overrides no-store, so max-age=60 is served from storage",
                [Answer(status, "Cache-Control: max-age=60, must-understand, no-store")],
                Get().Forwarded(status),
                Get(30).FromStorage(status));
        }

        yield return Case("RFC 9111 §5.2.2.3", "must-understand on the unknown status 599 leaves no-store in force, so it is not stored",
            [Answer(599, "Cache-Control: max-age=60, must-understand, no-store")],
            Get().Forwarded(599),
            Get(30).Forwarded(599));

        yield return Case("RFC 9111 §5.2.2.7", "a private response is not stored by a shared cache, even with max-age=60",
            [Ok("Cache-Control: private, max-age=60")],
            Get().Forwarded(),
            Get(1).Forwarded().WithBody(Body));

        yield return Case("RFC 9111 §5.2.2.7", "private=\"X-User\" keeps only X-User out of the shared cache: the response is served from storage without it",
            [Ok("Cache-Control: max-age=60, private=\"X-User\"", "X-User: alice", "X-Shared: everyone")],
            Get().Forwarded().Returning("X-User: alice", "X-Shared: everyone"),
            Get(10).FromStorage().Returning("X-User", "X-Shared: everyone").WithBody(Body));

        yield return Case("RFC 9111 §5.2.2.4", "a no-cache response is stored but revalidated (with its ETag) before every use",
            [Ok("Cache-Control: no-cache, max-age=600", "ETag: \"v1\""), NotModified("Cache-Control: no-cache, max-age=600", "ETag: \"v1\"")],
            Get().Forwarded(),
            Get().Forwarded().Revalidating(V1).WithBody(Body),
            Get(1).Forwarded().Revalidating(V1).WithBody(Body));

        yield return Case("RFC 9111 §5.2.2.4", "a no-cache response with only a Last-Modified is revalidated with If-Modified-Since before every use",
            [Ok("Cache-Control: no-cache", "Last-Modified: {T-3600}"), NotModified("Cache-Control: no-cache", "Last-Modified: {T-3600}")],
            Get().Forwarded(),
            Get().Forwarded().RevalidatingSince("{T-3600}").WithBody(Body));

        yield return Case("RFC 9111 §5.2.2.4", "no-cache=\"X-Secret\" keeps X-Secret from being sent without revalidation: served from storage without it",
            [Ok("Cache-Control: max-age=60, no-cache=\"X-Secret\"", "X-Secret: s3cr3t", "X-Open: o")],
            Get().Forwarded().Returning("X-Secret: s3cr3t"),
            Get(10).FromStorage().Returning("X-Secret", "X-Open: o").WithBody(Body));

        yield return Case("RFC 9111 §5.2.2.4", "no-cache=\"X-A, X-B\" keeps both listed fields from being sent from storage, and only those",
            [Ok("Cache-Control: max-age=60, no-cache=\"X-A, X-B\"", "X-A: 1", "X-B: 2", "X-C: 3")],
            Get().Forwarded(),
            Get(10).FromStorage().Returning("X-A", "X-B", "X-C: 3"));

        yield return Case("RFC 9111 §5.2.2.2", "a must-revalidate response is served from storage while fresh and revalidated once stale",
            [Ok("Cache-Control: max-age=10, must-revalidate", "ETag: \"v1\""), NotModified("Cache-Control: max-age=10, must-revalidate", "ETag: \"v1\"")],
            Get().Forwarded(),
            Get(5).FromStorage().WithBody(Body),
            Get(6).Forwarded().Revalidating(V1).WithBody(Body));

        yield return Case("RFC 9111 §5.2.2.2", "must-revalidate forbids serving stale on error, so once stale an origin 500 is passed on despite stale-if-error",
            [Ok("Cache-Control: max-age=10, must-revalidate, stale-if-error=600", "ETag: \"v1\""), Answer(500)],
            Get().Forwarded(),
            Get(11).Forwarded(500).Revalidating(V1));

        yield return Case("RFC 9111 §4.2.4", "must-revalidate forbids stale-while-revalidate, so once stale the origin is asked before answering",
            [Ok("Cache-Control: max-age=10, must-revalidate, stale-while-revalidate=600", "ETag: \"v1\""), NotModified("Cache-Control: max-age=10, must-revalidate, stale-while-revalidate=600", "ETag: \"v1\"")],
            Get().Forwarded(),
            Get(11).Forwarded().Revalidating(V1).WithBody(Body));

        yield return Case("RFC 9111 §5.2.2.8", "a proxy-revalidate response is served from a shared cache while fresh and revalidated once stale",
            [Ok("Cache-Control: max-age=10, proxy-revalidate", "ETag: \"v1\""), NotModified("Cache-Control: max-age=10, proxy-revalidate", "ETag: \"v1\"")],
            Get().Forwarded(),
            Get(5).FromStorage(),
            Get(6).Forwarded().Revalidating(V1).WithBody(Body));

        yield return Case("RFC 9111 §5.2.2.8", "proxy-revalidate forbids a shared cache to serve stale on error, so an origin 503 is passed on despite stale-if-error",
            [Ok("Cache-Control: max-age=10, proxy-revalidate, stale-if-error=600", "ETag: \"v1\""), Answer(503)],
            Get().Forwarded(),
            Get(11).Forwarded(503).Revalidating(V1));

        yield return Case("RFC 8246 §2", "an immutable response is still revalidated once stale",
            [Ok("Cache-Control: max-age=10, immutable", "ETag: \"v1\""), NotModified("Cache-Control: max-age=10, immutable", "ETag: \"v1\"")],
            Get().Forwarded(),
            Get(5).FromStorage(),
            Get(6).Forwarded().Revalidating(V1).WithBody(Body));

        yield return Case("RFC 9111 §3.5", "a request with Authorization is not answered from storage when the response does not allow it (max-age=60 alone)",
            [Ok("Cache-Control: max-age=60")],
            Get(0, "Authorization: Bearer alice").Forwarded().Seeing("Authorization: Bearer alice"),
            Get(0, "Authorization: Bearer alice").Forwarded().WithBody(Body));

        foreach (var cacheControl in new[] { "public, max-age=60", "s-maxage=60", "max-age=60, must-revalidate" })
        {
            yield return Case("RFC 9111 §3.5", $"a request with Authorization may be answered from storage when the response says {cacheControl}",
                [Ok($"Cache-Control: {cacheControl}")],
                Get(0, "Authorization: Bearer alice").Forwarded().Seeing("Authorization: Bearer alice"),
                Get(1, "Authorization: Bearer alice").FromStorage().WithBody(Body));
        }
    }
}
