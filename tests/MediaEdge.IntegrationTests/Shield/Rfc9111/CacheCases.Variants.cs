namespace MediaEdge.IntegrationTests.Shield.Rfc9111;

public static partial class CacheCases
{
    /// <summary>Vary: a stored response is used only for requests whose listed headers match the request it was stored for.</summary>
    private static IEnumerable<CacheCase> Variants()
    {
        static OriginReply Variant(string body, string vary) => OriginReply.Of(200, body, "Cache-Control: max-age=600", $"Vary: {vary}");

        yield return Case("RFC 9111 §4.1", "Vary: Accept-Language stores one response per language: the same language is served from storage, another is forwarded",
            [Variant("english", "Accept-Language"), Variant("french", "Accept-Language")],
            Get(0, "Accept-Language: en").Forwarded().WithBody("english").Seeing("Accept-Language: en"),
            Get(1, "Accept-Language: en").FromStorage().WithBody("english").Returning("Vary: Accept-Language"),
            Get(1, "Accept-Language: fr").Forwarded().WithBody("french").Seeing("Accept-Language: fr"),
            Get(1, "Accept-Language: en").FromStorage().WithBody("english"),
            Get(1, "Accept-Language: fr").FromStorage().WithBody("french"));

        yield return Case("RFC 9111 §4.1", "with Vary on two headers a request matching both is served from storage, one differing in either is forwarded",
            [Variant("one", "X-A, X-B"), Variant("two", "X-A, X-B")],
            Get(0, "X-A: 1", "X-B: 2").Forwarded(),
            Get(1, "X-A: 1", "X-B: 2").FromStorage().WithBody("one"),
            Get(1, "X-A: 1", "X-B: 3").Forwarded().WithBody("two"));

        yield return Case("RFC 9111 §4.1", "with Vary on three headers a request differing only in the middle one is forwarded",
            [Variant("one", "X-A, X-B, X-C"), Variant("two", "X-A, X-B, X-C")],
            Get(0, "X-A: 1", "X-B: abc", "X-C: 789").Forwarded(),
            Get(1, "X-A: 1", "X-B: abc", "X-C: 789").FromStorage().WithBody("one"),
            Get(1, "X-A: 1", "X-B: abc4", "X-C: 789").Forwarded().WithBody("two"));

        yield return Case("RFC 9111 §4.1", "the order in which a request lists the varying headers does not matter, only their values",
            [Variant("one", "X-A, X-B, X-C")],
            Get(0, "X-C: 3", "X-A: 1", "X-B: 2").Forwarded(),
            Get(1, "X-A: 1", "X-B: 2", "X-C: 3").FromStorage().WithBody("one"));

        yield return Case("RFC 9111 §4.1", "header names in Vary are case-insensitive: Vary: x-client matches a request's X-Client",
            [Variant("one", "x-client")],
            Get(0, "X-Client: app").Forwarded(),
            Get(1, "X-Client: app").FromStorage().WithBody("one"));

        yield return Case("RFC 9111 §4.1", "a request that omits a header the stored response varies on is forwarded",
            [Variant("one", "X-A"), Variant("two", "X-A")],
            Get(0, "X-A: 1").Forwarded(),
            Get(1).Forwarded().WithBody("two"));

        yield return Case("RFC 9111 §4.1", "a response stored for a request without the varying header serves requests without it, not one that carries it",
            [Variant("without", "X-A"), Variant("with", "X-A")],
            Get().Forwarded(),
            Get(1).FromStorage().WithBody("without"),
            Get(1, "X-A: 1").Forwarded().WithBody("with"));

        yield return Case("RFC 9111 §4.1", "headers not listed in Vary are no part of the key, so a request differing only in them is served from storage",
            [Variant("one", "X-A")],
            Get(0, "X-A: 1", "X-Other: 2").Forwarded(),
            Get(1, "X-A: 1", "X-Other: 3").FromStorage().WithBody("one"));

        yield return Case("RFC 9111 §4.1", "a response with Vary: * is never served from storage",
            [Variant("one", "*")],
            Get().Forwarded().Returning("Vary: *"),
            Get(1).Forwarded());

        yield return Case("RFC 9111 §4.1", "a response with Vary: *, X-A (a star among names) is never served from storage",
            [Variant("one", "*, X-A")],
            Get(0, "X-A: 1").Forwarded(),
            Get(1, "X-A: 1").Forwarded());
    }
}
