namespace MediaEdge.IntegrationTests.Shield.Rfc9111;

public static partial class CacheCases
{
    /// <summary>Methods other than GET and HEAD pass through; a non-error answer to an unsafe one invalidates; the query is part of the key.</summary>
    private static IEnumerable<CacheCase> Invalidation()
    {
        OriginReply stored = Ok("Cache-Control: max-age=600");

        foreach (var method in new[] { "POST", "PUT", "DELETE", "PATCH" })
        {
            yield return Case("RFC 9111 §4.4", $"a {method} is passed to the origin with its body, and its 200 invalidates the stored response, so the next GET is forwarded",
                [stored, OriginReply.Of(200, $"{method} done"), stored],
                Get().Forwarded(),
                Get(1).FromStorage(),
                Send(method).Forwarded().WithBody($"{method} done"),
                Get(1).Forwarded().WithBody(Body));
        }

        yield return Case("RFC 9111 §4.4", "a 303 (a non-error status) to a POST invalidates the stored response too",
            [stored, Answer(303, "Location: /doc"), stored],
            Get().Forwarded(),
            Send("POST").Forwarded(303),
            Get(1).Forwarded());

        foreach (var status in new[] { 500, 404 })
        {
            yield return Case("RFC 9111 §4.4", $"an error response ({status}) to a POST invalidates nothing, so the next GET is served from storage",
                [stored, Answer(status), stored],
                Get().Forwarded(),
                Send("POST").Forwarded(status),
                Get(1).FromStorage().WithBody(Body));
        }

        foreach (var (location, how) in new[] { ("/doc-b", "a relative"), ("{origin}/doc-b", "an absolute same-origin") })
        {
            yield return Case("RFC 9111 §4.4", $"a POST answered 201 with {how} Location invalidates what is stored for that URI too",
                [stored, Answer(201, $"Location: {location}"), stored],
                GetAt("doc-b").Forwarded(),
                Send("POST", "doc-a").Forwarded(201),
                GetAt("doc-b", 1).Forwarded().WithBody(Body));
        }

        yield return Case("RFC 9111 §4.4", "a PUT answered 200 with a same-origin Content-Location invalidates what is stored for that URI too",
            [stored, OriginReply.Of(200, "put", "Content-Location: /doc-b"), stored],
            GetAt("doc-b").Forwarded(),
            Send("PUT", "doc-a").Forwarded(),
            GetAt("doc-b", 1).Forwarded());

        yield return Case("RFC 9111 §4.4", "a Location on another origin is not invalidated, so the stored response for the same path is still served",
            [stored, Answer(201, "Location: http://elsewhere.example/doc-b"), stored],
            GetAt("doc-b").Forwarded(),
            Send("POST", "doc-a").Forwarded(201),
            GetAt("doc-b", 1).FromStorage().WithBody(Body));

        yield return Case("RFC 9111 §4.4", "a POST invalidates only its own URI, so another stored response is still served",
            [stored, OriginReply.Of(200, "posted"), stored],
            GetAt("doc-b").Forwarded(),
            Send("POST", "doc-a").Forwarded(),
            GetAt("doc-b", 1).FromStorage().WithBody(Body));

        yield return Case("RFC 9110 §9.3.7", "an OPTIONS (a safe method) is passed to the origin and invalidates nothing",
            [stored, Answer(204, "Allow: GET, HEAD, OPTIONS"), stored],
            Get().Forwarded(),
            (Send("OPTIONS") with { RequestBody = null }).Forwarded(204).Returning("Allow: GET, HEAD, OPTIONS"),
            Get(1).FromStorage().WithBody(Body));

        yield return Case("RFC 9111 §2", "the query is part of the cache key, so ?a=1 and ?a=2 are stored apart",
            [OriginReply.Of(200, "a is 1", "Cache-Control: max-age=600"), OriginReply.Of(200, "a is 2", "Cache-Control: max-age=600")],
            GetAt("doc?a=1").Forwarded().WithBody("a is 1"),
            GetAt("doc?a=2", 1).Forwarded().WithBody("a is 2"),
            GetAt("doc?a=1", 1).FromStorage().WithBody("a is 1"),
            GetAt("doc?a=2", 1).FromStorage().WithBody("a is 2"),
            GetAt("doc", 1).Forwarded());
    }
}
