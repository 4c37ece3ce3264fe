namespace MediaEdge.IntegrationTests.Shield.Rfc9111;

public static partial class CacheCases
{
    /// <summary>CDN-Cache-Control: it decides over Cache-Control for MediaEdge, unless it is not a valid Structured Field dictionary.</summary>
    private static IEnumerable<CacheCase> Targeted()
    {
        yield return Case("RFC 9213 §2.1", "CDN-Cache-Control: max-age=60 takes precedence over Cache-Control: no-store, so the response is stored for 60 seconds",
            [Ok("Cache-Control: no-store", "CDN-Cache-Control: max-age=60")],
            Get().Forwarded().Returning("CDN-Cache-Control: max-age=60", "Cache-Control: no-store"),
            Get(30).FromStorage().WithBody(Body).Returning("CDN-Cache-Control: max-age=60"),
            Get(30).Forwarded());

        yield return Case("RFC 9213 §2.1", "a short CDN-Cache-Control: max-age=10 takes precedence over a long Cache-Control: max-age=600",
            [Ok("Cache-Control: max-age=600", "CDN-Cache-Control: max-age=10")],
            Get().Forwarded(),
            Get(5).FromStorage(),
            Get(6).Forwarded());

        yield return Case("RFC 9213 §2.1", "CDN-Cache-Control: no-store takes precedence over Cache-Control: max-age=600, so nothing is stored",
            [Ok("Cache-Control: max-age=600", "CDN-Cache-Control: no-store")],
            Get().Forwarded(),
            Get(1).Forwarded());

        yield return Case("RFC 9213 §2.1", "CDN-Cache-Control: private keeps the response out of MediaEdge despite Cache-Control: max-age=600",
            [Ok("Cache-Control: max-age=600", "CDN-Cache-Control: private")],
            Get().Forwarded(),
            Get(1).Forwarded());

        yield return Case("RFC 9213 §2.1", "CDN-Cache-Control: no-cache makes MediaEdge revalidate before every use despite Cache-Control: max-age=600",
            [Ok("Cache-Control: max-age=600", "CDN-Cache-Control: no-cache", "ETag: \"v1\""), NotModified("Cache-Control: max-age=600", "CDN-Cache-Control: no-cache", "ETag: \"v1\"")],
            Get().Forwarded(),
            Get(1).Forwarded().Revalidating(V1).WithBody(Body));

        yield return Case("RFC 9213 §2.1", "CDN-Cache-Control: max-age=0 takes precedence over an Expires a day ahead, so the response is stale at once",
            [Ok("CDN-Cache-Control: max-age=0", "Expires: {T+86400}")],
            Get().Forwarded(),
            Get(1).Forwarded());

        yield return Case("RFC 9213 §2.1", "an unknown directive beside max-age=60 in CDN-Cache-Control is ignored, and max-age=60 still beats Cache-Control: no-store",
            [Ok("Cache-Control: no-store", "CDN-Cache-Control: foobar, max-age=60")],
            Get().Forwarded(),
            Get(30).FromStorage());

        foreach (var (value, why) in new[]
        {
            ("max-age=\"10\"", "max-age as a string, the wrong type"),
            ("max-age =10", "a space before the ="),
            ("max-age=10, &&&", "an item that is no key"),
        })
        {
            yield return Case("RFC 9213 §2.1", $"a CDN-Cache-Control that is no valid Structured Field ({why}: {value}) is ignored entirely, so Cache-Control: max-age=600 applies",
                [Ok("Cache-Control: max-age=600", $"CDN-Cache-Control: {value}")],
                Get().Forwarded(),
                Get(30).FromStorage().WithBody(Body));
        }
    }
}
