namespace MediaEdge.IntegrationTests.Shield.Rfc9111;

public static partial class CacheCases
{
    /// <summary>Which statuses are reused without explicit freshness (Last-Modified heuristic), and that explicit freshness makes any final status reusable.</summary>
    private static IEnumerable<CacheCase> Heuristics()
    {
        yield return Case("RFC 9111 §4.2.2", "a 200 whose Last-Modified is 300 seconds before Date is fresh for 10% of that, 30 seconds, then revalidated with If-Modified-Since",
            [Ok("Last-Modified: {T-300}"), NotModified("Last-Modified: {T-300}")],
            Get().Forwarded().Returning("Last-Modified: {T-300}"),
            Get(29).FromStorage().Returning("Age: 29", "Last-Modified: {T-300}").WithBody(Body),
            Get(1).Forwarded().RevalidatingSince("{T-300}").WithBody(Body));

        yield return Case("RFC 9111 §4.2.2", "the Last-Modified heuristic is capped at FreshSeconds, so a Last-Modified 10 hours back gives 60 seconds, not an hour",
            [Ok("Last-Modified: {T-36000}"), NotModified("Last-Modified: {T-36000}")],
            Get().Forwarded(),
            Get(59).FromStorage().WithBody(Body),
            Get(1).Forwarded().RevalidatingSince("{T-36000}"));

        foreach (var status in new[] { 203, 204, 300, 301, 308, 404, 405, 410, 414, 501 })
        {
            yield return Case("RFC 9111 §4.2.2", $"a {status} is heuristically cacheable, so with Last-Modified 300 seconds back it is served from storage 10 seconds later",
                [status / 100 == 3 ? Answer(status, "Last-Modified: {T-300}", "Location: /elsewhere") : Answer(status, "Last-Modified: {T-300}")],
                Get().Forwarded(status),
                Get(10).FromStorage(status).Returning("Last-Modified: {T-300}"));
        }

        foreach (var status in new[] { 201, 202, 403, 500, 502, 503, 504, 599 })
        {
            yield return Case("RFC 9110 §15.1", $"a {status} is not heuristically cacheable, so without explicit freshness it is never served from storage, Last-Modified or not",
                [Answer(status, "Last-Modified: {T-300}")],
                Get().Forwarded(status),
                Get(10).Forwarded(status));
        }

        yield return Case("RFC 9111 §4.2.2", "a 404 with no freshness information and no Last-Modified is not reused (FreshSeconds is for 200-like statuses)",
            [Answer(404)],
            Get().Forwarded(404),
            Get(10).Forwarded(404));

        foreach (var status in new[] { 302, 303, 307, 400, 500 })
        {
            yield return Case("RFC 9111 §3", $"a {status} with max-age=60 has explicit freshness, so it is served from storage while fresh and not after",
                [status / 100 == 3 ? Answer(status, "Cache-Control: max-age=60", "Location: /elsewhere") : Answer(status, "Cache-Control: max-age=60")],
                Get().Forwarded(status),
                Get(30).FromStorage(status).Returning("Age: 30", "Cache-Control: max-age=60"),
                Get(30).Forwarded(status));
        }
    }
}
