namespace MediaEdge.IntegrationTests.Shield.Rfc9111;

public static partial class CacheCases
{
    /// <summary>stale-while-revalidate and stale-if-error (the origin's own, or the configured windows where it sent no Cache-Control), unreachable and slow origins.</summary>
    private static IEnumerable<CacheCase> Staleness()
    {
        const string Swr = "Cache-Control: max-age=10, stale-while-revalidate=60";
        const string Sie = "Cache-Control: max-age=10, stale-if-error=60";

        yield return Case("RFC 5861 §3", "within stale-while-revalidate a stale response is served at once with its Age, and revalidated in the background",
            [Ok(Swr, "ETag: \"v1\""), NotModified(Swr, "ETag: \"v1\"")],
            Get().Forwarded(),
            Get(15).RevalidatedInBackground().Revalidating(V1).Returning("Age: 15").WithBody(Body));

        yield return Case("RFC 5861 §3", "past the stale-while-revalidate window the origin is asked before answering",
            [Ok(Swr, "ETag: \"v1\""), NotModified(Swr, "ETag: \"v1\"")],
            Get().Forwarded(),
            Get(71).Forwarded().Revalidating(V1).WithBody(Body));

        yield return Case("RFC 5861 §3", "the configured StaleWhileRevalidateSeconds (30) applies to an origin that sent no Cache-Control",
            [Ok("ETag: \"v1\""), NotModified("ETag: \"v1\"")],
            Get().Forwarded(),
            Get(70).RevalidatedInBackground().Revalidating(V1).Returning("Age: 70").WithBody(Body)) with { Settings = [new("MediaEdge:Cache:StaleWhileRevalidateSeconds", "30")] };

        yield return Case("RFC 5861 §3", "the configured StaleWhileRevalidateSeconds (30) does not apply to an origin whose Cache-Control has no stale-while-revalidate",
            [Ok("Cache-Control: max-age=10", "ETag: \"v1\""), NotModified("Cache-Control: max-age=10", "ETag: \"v1\"")],
            Get().Forwarded(),
            Get(15).Forwarded().Revalidating(V1).WithBody(Body)) with { Settings = [new("MediaEdge:Cache:StaleWhileRevalidateSeconds", "30")] };

        foreach (var status in new[] { 500, 502, 503, 504 })
        {
            yield return Case("RFC 5861 §4", $"within stale-if-error an origin {status} on revalidation is answered with the stale response and its Age",
                [Ok(Sie, "ETag: \"v1\""), Answer(status)],
                Get().Forwarded(),
                Get(15).Forwarded().Revalidating(V1).Returning("Age: 15").WithBody(Body));
        }

        yield return Case("RFC 5861 §4", "within stale-if-error an unreachable origin is answered with the stale response and its Age",
            [Ok(Sie, "ETag: \"v1\""), OriginReply.Unreachable],
            Get().Forwarded(),
            Get(15).Forwarded().Revalidating(V1).Returning("Age: 15").WithBody(Body));

        yield return Case("RFC 5861 §4", "past the stale-if-error window an origin 500 is passed on",
            [Ok(Sie, "ETag: \"v1\""), Answer(500)],
            Get().Forwarded(),
            Get(71).Forwarded(500).Revalidating(V1));

        yield return Case("RFC 5861 §4", "past the stale-if-error window an unreachable origin is a 502 problem",
            [Ok(Sie, "ETag: \"v1\""), OriginReply.Unreachable],
            Get().Forwarded(),
            Get(71).Forwarded(502).Revalidating(V1).AsProblem());

        yield return Case("RFC 5861 §4", "without stale-if-error from an origin that sent Cache-Control, an unreachable origin is a 502 problem once the response is stale",
            [Ok("Cache-Control: max-age=10", "ETag: \"v1\""), OriginReply.Unreachable],
            Get().Forwarded(),
            Get(11).Forwarded(502).Revalidating(V1).AsProblem());

        yield return Case("RFC 5861 §4", "the configured StaleIfErrorSeconds (600) applies to an origin that sent no Cache-Control, so its 503 is answered with the stale response",
            [Ok("ETag: \"v1\""), Answer(503)],
            Get().Forwarded(),
            Get(70).Forwarded().Revalidating(V1).Returning("Age: 70").WithBody(Body)) with { Settings = [new("MediaEdge:Cache:StaleIfErrorSeconds", "600")] };

        yield return Case("RFC 5861 §4", "the configured StaleIfErrorSeconds (600) does not apply to an origin whose Cache-Control has no stale-if-error, so its 500 is passed on",
            [Ok("Cache-Control: max-age=10", "ETag: \"v1\""), Answer(500)],
            Get().Forwarded(),
            Get(15).Forwarded(500).Revalidating(V1)) with { Settings = [new("MediaEdge:Cache:StaleIfErrorSeconds", "600")] };

        yield return Case("RFC 9110 §15.6.3", "an unreachable origin with nothing stored is a 502 problem",
            [OriginReply.Unreachable],
            Get().Forwarded(502).AsProblem());

        yield return Case("RFC 9110 §15.6.5", "an origin that does not answer within TimeoutSeconds (1) is a 504 problem",
            [OriginReply.Silent],
            (Get() with { TickWhileWaiting = 1 }).Forwarded(504).AsProblem()) with { Settings = [new("MediaEdge:Sources:web:TimeoutSeconds", "1")] };
    }
}
