namespace MediaEdge.IntegrationTests.Shield.Rfc9111;

public static partial class CacheCases
{
    /// <summary>Conditional requests from clients, the validators MediaEdge sends, 304s that update what is stored, HEAD, and ranges.</summary>
    private static IEnumerable<CacheCase> Validation()
    {
        OriginReply[] stored = [Ok("Cache-Control: max-age=600", "ETag: \"v1\"", "Last-Modified: {T-3600}", "Test-Header: t1")];

        foreach (var (ifNoneMatch, why) in new[]
        {
            ("\"v1\"", "the stored strong ETag"),
            ("W/\"v1\"", "the weak form of the stored ETag (weak comparison)"),
            ("\"other\", \"v1\"", "a list holding the stored ETag"),
            ("*", "*"),
        })
        {
            yield return Case("RFC 9110 §13.1.2", $"If-None-Match with {why} is answered 304 from storage, with the ETag and the stored headers",
                stored,
                Get().Forwarded(),
                Get(5, $"If-None-Match: {ifNoneMatch}").FromStorage(304)
                    .Returning("ETag: \"v1\"", "Cache-Control: max-age=600", "Test-Header: t1", "Last-Modified: {T-3600}", "Age: 5").WithBody(""));
        }

        yield return Case("RFC 9110 §13.1.2", "If-None-Match with another ETag is answered with the whole stored 200",
            stored,
            Get().Forwarded(),
            Get(5, "If-None-Match: \"other\"").FromStorage().WithBody(Body).Returning("ETag: \"v1\""));

        yield return Case("RFC 9110 §13.1.3", "If-Modified-Since equal to the stored Last-Modified is answered 304 from storage",
            stored,
            Get().Forwarded(),
            Get(5, "If-Modified-Since: {T-3600}").FromStorage(304).Returning("ETag: \"v1\"", "Test-Header: t1").WithBody(""));

        yield return Case("RFC 9110 §13.1.3", "If-Modified-Since later than the stored Last-Modified is answered 304 from storage",
            stored,
            Get().Forwarded(),
            Get(5, "If-Modified-Since: {T-60}").FromStorage(304).WithBody(""));

        yield return Case("RFC 9110 §13.1.3", "If-Modified-Since earlier than the stored Last-Modified is answered with the whole stored 200",
            stored,
            Get().Forwarded(),
            Get(5, "If-Modified-Since: {T-7200}").FromStorage().WithBody(Body));

        yield return Case("RFC 9110 §13.2.2", "If-None-Match takes precedence over If-Modified-Since, so a non-matching tag gets the whole 200 though the date matches",
            stored,
            Get().Forwarded(),
            Get(5, "If-None-Match: \"other\"", "If-Modified-Since: {T-3600}").FromStorage().WithBody(Body));

        yield return Case("RFC 9111 §4.3.2", "a client's If-None-Match on a stale response is not answered from storage: the origin is asked with the stored ETag, and its 304 becomes the client's 304",
            [Ok("Cache-Control: max-age=10", "ETag: \"v1\""), NotModified("Cache-Control: max-age=10", "ETag: \"v1\"")],
            Get().Forwarded(),
            Get(11, "If-None-Match: \"v1\"").Forwarded(304).Revalidating(V1).Returning("ETag: \"v1\"").WithBody(""));

        yield return Case("RFC 9111 §4.3.1", "with nothing stored a client's If-None-Match is forwarded as sent and the origin's 304 returned",
            [NotModified("Cache-Control: max-age=600", "ETag: \"v1\"")],
            Get(0, "If-None-Match: \"v1\"").Forwarded(304).Revalidating(V1).Returning("ETag: \"v1\"").WithBody(""));

        yield return Case("RFC 9111 §4.3.1", "with nothing stored a client's If-Modified-Since is forwarded as sent and the origin's 304 returned",
            [NotModified("Cache-Control: max-age=600", "Last-Modified: {T-3600}")],
            Get(0, "If-Modified-Since: {T-3600}").Forwarded(304).RevalidatingSince("{T-3600}").WithBody(""));

        yield return Case("RFC 9111 §4.3.1", "a stored weak ETag is sent back verbatim, W/ included, when revalidating",
            [Ok("Cache-Control: max-age=10", "ETag: W/\"v1\""), NotModified("Cache-Control: max-age=10", "ETag: W/\"v1\"")],
            Get().Forwarded().Returning("ETag: W/\"v1\""),
            Get(11).Forwarded().Revalidating("W/\"v1\"").WithBody(Body));

        yield return Case("RFC 9111 §4.3.1", "with both an ETag and a Last-Modified stored, revalidation carries If-None-Match with the ETag and If-Modified-Since with the Last-Modified",
            [Ok("Cache-Control: max-age=10", "ETag: \"v1\"", "Last-Modified: {T-3600}"), NotModified("Cache-Control: max-age=10", "ETag: \"v1\"")],
            Get().Forwarded(),
            Get(11).Forwarded().Revalidating(V1).RevalidatingSince("{T-3600}").WithBody(Body));

        foreach (var (etag, what) in new[]
        {
            ("v1", "an unquoted ETag (v1)"),
            ("\"caf\u00e9-\u00ff\u0080\"", "an ETag with obs-text bytes 0xE9, 0xFF and 0x80"),
            ("\u00e9t\u00e9\u00a0\u00fe", "an unquoted ETag of obs-text bytes"),
        })
        {
            yield return Case("RFC 9110 §8.8.3", $"{what} from the origin is no reason for a 5xx: it is returned verbatim and sent back verbatim when revalidating",
                [Ok("Cache-Control: max-age=10", $"ETag: {etag}"), NotModified("Cache-Control: max-age=10", $"ETag: {etag}")],
                Get().Forwarded().Returning($"ETag: {etag}").WithBody(Body),
                Get(5).FromStorage().Returning($"ETag: {etag}").WithBody(Body),
                Get(6).Forwarded().Revalidating(etag).Returning($"ETag: {etag}").WithBody(Body));
        }

        yield return Case("RFC 9111 §4.3.4", "a 304 updates the stored headers: its Test-Header and Cache-Control are returned and kept, other stored headers stay, and its Content-Length is not used",
            [
                Ok("Cache-Control: max-age=10", "ETag: \"v1\"", "Test-Header: one", "X-Kept: k"),
                NotModified("Cache-Control: max-age=100", "ETag: \"v1\"", "Test-Header: two", "Content-Length: 999"),
            ],
            Get().Forwarded().Returning("Test-Header: one"),
            Get(11).Forwarded().Revalidating(V1).WithBody(Body)
                .Returning("Test-Header: two", "Cache-Control: max-age=100", "X-Kept: k", $"Content-Length: {BodyLength}"),
            Get(50).FromStorage().WithBody(Body)
                .Returning("Test-Header: two", "Cache-Control: max-age=100", "X-Kept: k", $"Content-Length: {BodyLength}", "Age: 50"));

        yield return Case("RFC 9111 §4.3.4", "a 304 makes the stored response fresh again from the 304's own Date",
            [Ok("Cache-Control: max-age=10", "ETag: \"v1\""), NotModified("Cache-Control: max-age=10", "ETag: \"v1\"")],
            Get().Forwarded(),
            Get(11).Forwarded().Revalidating(V1),
            Get(9).FromStorage().Returning("Age: 9"),
            Get(1).Forwarded().Revalidating(V1));

        yield return Case("RFC 9110 §9.3.2", "a HEAD is answered from a stored GET response: its headers, the body's Content-Length, no body",
            [Ok("Cache-Control: max-age=600", "ETag: \"v1\"", "Test-Header: t1")],
            Get().Forwarded(),
            Head(5).FromStorage().Returning("ETag: \"v1\"", "Test-Header: t1", $"Content-Length: {BodyLength}", "Age: 5").WithBody(""));

        yield return Case("RFC 9110 §9.3.2", "a HEAD with nothing stored is forwarded and answered without a body",
            [Ok("Cache-Control: max-age=600", "ETag: \"v1\"")],
            Head().Forwarded().Returning("ETag: \"v1\"").WithBody(""));

        yield return Case("RFC 9111 §4.3.5", "a 200 to a forwarded HEAD whose ETag matches the stored GET response updates that response's headers and freshness",
            [
                Ok("Cache-Control: max-age=10", "ETag: \"v1\"", "Test-Header: one"),
                Ok("Cache-Control: max-age=100", "ETag: \"v1\"", "Test-Header: two"),
            ],
            Get().Forwarded().Returning("Test-Header: one"),
            Head(11).Forwarded().WithAnyValidator().Returning("Test-Header: two").WithBody(""),
            Get(1).FromStorage().Returning("Test-Header: two", "Cache-Control: max-age=100").WithBody(Body));

        yield return Case("RFC 9110 §14.2", "a Range request with nothing stored fetches the whole representation (no Range or If-Range to the origin) and is answered 206 from it",
            [Ok("Cache-Control: max-age=600", "ETag: \"v1\"")],
            Get(0, "Range: bytes=0-2", "If-Range: \"v1\"").Forwarded(206).Seeing("Range", "If-Range")
                .Returning($"Content-Range: bytes 0-2/{BodyLength}").WithBody(Body[..3]),
            Get(1).FromStorage().WithBody(Body));
    }
}
