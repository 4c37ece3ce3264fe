namespace MediaEdge.IntegrationTests.Shield.Rfc9111;

public static partial class CacheCases
{
    /// <summary>max-age and s-maxage, how they are parsed, and how Age and Date count towards them.</summary>
    private static IEnumerable<CacheCase> Freshness()
    {
        yield return Case("RFC 9111 §5.2.2.1", "a max-age=60 response is served from storage until it is 60 seconds old, then revalidated with its ETag",
            [Ok("Cache-Control: max-age=60", "ETag: \"v1\""), NotModified("Cache-Control: max-age=60", "ETag: \"v1\"")],
            Get().Forwarded().WithBody(Body),
            Get(59).FromStorage().WithBody(Body).Returning("Age: 59", "Cache-Control: max-age=60", "ETag: \"v1\"", "Accept-Ranges: bytes"),
            Get(1).Forwarded().Revalidating(V1).WithBody(Body));

        yield return Case("RFC 9111 §5.2.2.1", "a max-age=0 response is stored already stale, so the next request is revalidated at once",
            [Ok("Cache-Control: max-age=0", "ETag: \"v1\""), NotModified("Cache-Control: max-age=0", "ETag: \"v1\"")],
            Get().Forwarded(),
            Get().Forwarded().Revalidating(V1).WithBody(Body));

        yield return Case("RFC 9111 §4.2.1", "a negative max-age=-1 is invalid freshness information, so the response is treated as stale",
            [Ok("Cache-Control: max-age=-1")],
            Get().Forwarded(),
            Get(1).Forwarded().WithBody(Body));

        yield return Case("RFC 9111 §4.2.1", "a non-numeric max-age=abc is invalid freshness information, so the response is treated as stale",
            [Ok("Cache-Control: max-age=abc")],
            Get().Forwarded(),
            Get(1).Forwarded());

        yield return Case("RFC 9111 §5.2", "a quoted max-age=\"3600\" is accepted (recipients ought to accept both argument forms), so the response is served from storage 3599 seconds later",
            [Ok("Cache-Control: max-age=\"3600\"")],
            Get().Forwarded(),
            Get(3599).FromStorage().Returning("Age: 3599").WithBody(Body));

        yield return Case("RFC 9111 §1.2.2", "max-age=003600 with leading zeros is a valid hour, so the response is served from storage 3599 seconds later",
            [Ok("Cache-Control: max-age=003600")],
            Get().Forwarded(),
            Get(3599).FromStorage().Returning("Age: 3599").WithBody(Body));

        yield return Case("RFC 9111 §1.2.2", "a max-age beyond 2^31 (99999999999) counts as 2147483648 seconds, so the response is still served from storage a day later",
            [Ok("Cache-Control: max-age=99999999999")],
            Get().Forwarded(),
            Get(86400).FromStorage().WithBody(Body));

        yield return Case("RFC 9111 §5.2", "directive names are case-insensitive, so MAX-AGE=60 is served from storage 30 seconds later",
            [Ok("Cache-Control: MAX-AGE=60")],
            Get().Forwarded(),
            Get(30).FromStorage().WithBody(Body));

        yield return Case("RFC 9111 §4.2.1", "of two max-age directives on one line the first, 0, decides (or the response is stale), so it is not served from storage",
            [Ok("Cache-Control: max-age=0, max-age=3600")],
            Get().Forwarded(),
            Get(1).Forwarded());

        yield return Case("RFC 9111 §4.2.1", "of two Cache-Control lines with max-age=0 and then max-age=3600 the first decides (or the response is stale), so it is not served from storage",
            [Ok("Cache-Control: max-age=0", "Cache-Control: max-age=3600")],
            Get().Forwarded(),
            Get(1).Forwarded());

        yield return Case("RFC 9110 §5.3", "Cache-Control split over two lines (public, then max-age=60) is one list, so the response is served from storage 30 seconds later",
            [Ok("Cache-Control: public", "Cache-Control: max-age=60")],
            Get().Forwarded(),
            Get(30).FromStorage().WithBody(Body));

        yield return Case("RFC 9111 §5.2", "a max-age inside an extension's quoted string is no max-age, so extension=\"max-age=3600\", max-age=1 is stale after a second",
            [Ok("Cache-Control: extension=\"max-age=3600\", max-age=1")],
            Get().Forwarded(),
            Get(2).Forwarded());

        yield return Case("RFC 9111 §5.2.2.10", "s-maxage=60 written after max-age=1 decides for a shared cache, so the response is served from storage until 60 seconds",
            [Ok("Cache-Control: max-age=1, s-maxage=60", "ETag: \"v1\""), NotModified("Cache-Control: max-age=1, s-maxage=60", "ETag: \"v1\"")],
            Get().Forwarded(),
            Get(30).FromStorage().Returning("Age: 30").WithBody(Body),
            Get(30).Forwarded().Revalidating(V1).WithBody(Body));

        yield return Case("RFC 9111 §5.2.2.10", "s-maxage=60 written before max-age=1 decides for a shared cache, so the response is served from storage 30 seconds later",
            [Ok("Cache-Control: s-maxage=60, max-age=1")],
            Get().Forwarded(),
            Get(30).FromStorage().WithBody(Body));

        yield return Case("RFC 9111 §5.2.2.10", "a short s-maxage=1 decides over a long max-age=60, so the response is not served from storage 2 seconds later",
            [Ok("Cache-Control: max-age=60, s-maxage=1")],
            Get().Forwarded(),
            Get(2).Forwarded());

        yield return Case("RFC 9111 §5.2.2.10", "s-maxage=60 on its own Cache-Control line still decides over max-age=1 on another, so the response is served from storage 30 seconds later",
            [Ok("Cache-Control: max-age=1", "Cache-Control: s-maxage=60")],
            Get().Forwarded(),
            Get(30).FromStorage().WithBody(Body));

        yield return Case("RFC 9111 §5.2.2.10", "s-maxage=0 makes the response stale for a shared cache even with max-age=60",
            [Ok("Cache-Control: s-maxage=0, max-age=60")],
            Get().Forwarded(),
            Get(1).Forwarded());

        yield return Case("RFC 9111 §5.2", "S-MAXAGE=60 in upper case is still s-maxage, so it decides over max-age=1",
            [Ok("Cache-Control: S-MAXAGE=60, max-age=1")],
            Get().Forwarded(),
            Get(30).FromStorage().WithBody(Body));

        yield return Case("RFC 9111 §5.2.2.10", "s-maxage implies proxy-revalidate, so once stale an origin 500 is passed on instead of the stored response despite stale-if-error",
            [Ok("Cache-Control: s-maxage=10, stale-if-error=600", "ETag: \"v1\""), Answer(500)],
            Get().Forwarded(),
            Get(11).Forwarded(500).Revalidating(V1));

        yield return Case("RFC 9111 §4.2.3", "Age is sent on every response from storage, 0 at once and growing with the clock",
            [Ok("Cache-Control: max-age=600")],
            Get().Forwarded(),
            Get().FromStorage().Returning("Age: 0"),
            Get(7).FromStorage().Returning("Age: 7"),
            Get(100).FromStorage().Returning("Age: 107").WithBody(Body));

        yield return Case("RFC 9111 §4.2.3", "an upstream Age of 7200 makes a max-age=3600 response stale on arrival",
            [Ok("Cache-Control: max-age=3600", "Age: 7200")],
            Get().Forwarded(),
            Get(1).Forwarded());

        yield return Case("RFC 9111 §4.2.3", "an upstream Age of 30 counts towards max-age=60, so the response is served with Age 50 twenty seconds later and stale ten seconds after that",
            [Ok("Cache-Control: max-age=60", "Age: 30")],
            Get().Forwarded(),
            Get(20).FromStorage().Returning("Age: 50").WithBody(Body),
            Get(10).Forwarded());

        yield return Case("RFC 9111 §1.2.2", "a non-numeric Age (abc) is ignored, so the response is fresh and its Age counts from 0",
            [Ok("Cache-Control: max-age=60", "Age: abc")],
            Get().Forwarded(),
            Get(30).FromStorage().Returning("Age: 30").WithBody(Body));

        yield return Case("RFC 9111 §1.2.2", "a negative Age (-10) is ignored, so the response is fresh and its Age counts from 0",
            [Ok("Cache-Control: max-age=60", "Age: -10")],
            Get().Forwarded(),
            Get(30).FromStorage().Returning("Age: 30"));

        yield return Case("RFC 9111 §1.2.2", "a fractional Age (1.5) is ignored, so the response is fresh and its Age counts from 0",
            [Ok("Cache-Control: max-age=60", "Age: 1.5")],
            Get().Forwarded(),
            Get(30).FromStorage().Returning("Age: 30"));

        yield return Case("RFC 9111 §1.2.2", "an Age of 2147483648 (past 2^31 - 1) makes a max-age=3600 response stale",
            [Ok("Cache-Control: max-age=3600", "Age: 2147483648")],
            Get().Forwarded(),
            Get(1).Forwarded());

        yield return Case("RFC 9111 §1.2.2", "an Age too large for 64 bits (99999999999999999999) makes a max-age=3600 response stale",
            [Ok("Cache-Control: max-age=3600", "Age: 99999999999999999999")],
            Get().Forwarded(),
            Get(1).Forwarded());

        yield return Case("RFC 9111 §5.1", "of the Age list \"7200, 0\" the first element is used, so a max-age=3600 response is stale",
            [Ok("Cache-Control: max-age=3600", "Age: 7200, 0")],
            Get().Forwarded(),
            Get(1).Forwarded());

        yield return Case("RFC 9111 §4.2.3", "a Date an hour behind the clock (a slow origin) is an apparent age of an hour, so a max-age=60 response is stale at once",
            [Ok("Cache-Control: max-age=60", "Date: {T-3600}")],
            Get().Forwarded(),
            Get(1).Forwarded());

        yield return Case("RFC 9111 §4.2.3", "a Date an hour ahead of the clock is an apparent age of 0, not less, so a max-age=60 response is fresh for exactly 60 seconds",
            [Ok("Cache-Control: max-age=60", "Date: {T+3600}")],
            Get().Forwarded(),
            Get(59).FromStorage().Returning("Age: 59"),
            Get(1).Forwarded());

        yield return Case("RFC 9110 §6.6.1", "the origin's Date is passed on unchanged, on the miss and from storage, and its 5 seconds count in Age",
            [Ok("Cache-Control: max-age=60", "Date: {T-5}")],
            Get().Forwarded().Returning("Date: {T-5}"),
            Get(10).FromStorage().Returning("Date: {T-5}", "Age: 15").WithBody(Body));

        yield return Case("RFC 9111 §4.2.2", "a 200 with no Cache-Control, Expires or Last-Modified is fresh for the configured FreshSeconds (60), then revalidated",
            [Ok("ETag: \"v1\""), NotModified("ETag: \"v1\"")],
            Get().Forwarded(),
            Get(59).FromStorage().Returning("Age: 59").WithBody(Body),
            Get(1).Forwarded().Revalidating(V1).WithBody(Body));
    }
}
