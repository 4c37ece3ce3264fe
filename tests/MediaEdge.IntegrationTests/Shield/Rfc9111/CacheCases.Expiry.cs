namespace MediaEdge.IntegrationTests.Shield.Rfc9111;

public static partial class CacheCases
{
    /// <summary>Expires: the three date forms a recipient reads, the ones it must not, and how it combines with Date and max-age.</summary>
    private static IEnumerable<CacheCase> Expiry()
    {
        yield return Case("RFC 9111 §5.3", "an Expires (IMF-fixdate) 60 seconds after Date makes the response fresh for exactly 60 seconds",
            [Ok("Expires: {T+60}")],
            Get().Forwarded().Returning("Expires: {T+60}"),
            Get(59).FromStorage().Returning("Age: 59", "Expires: {T+60}").WithBody(Body),
            Get(1).Forwarded());

        yield return Case("RFC 9110 §5.6.7", "an Expires in the obsolete RFC 850 form (Sunday, 06-Nov-94 08:49:37 GMT) is read, so the response is fresh until then",
            [Ok("Expires: {T+3600:rfc850}")],
            Get().Forwarded(),
            Get(1800).FromStorage().WithBody(Body),
            Get(1800).Forwarded());

        yield return Case("RFC 9110 §5.6.7", "an Expires in the obsolete asctime form (Sun Nov  6 08:49:37 1994) is read, so the response is fresh until then",
            [Ok("Expires: {T+3600:asctime}")],
            Get().Forwarded(),
            Get(1800).FromStorage().WithBody(Body),
            Get(1800).Forwarded());

        yield return Case("RFC 9111 §5.3", "Expires: 0 is an invalid date and means already expired",
            [Ok("Expires: 0")],
            Get().Forwarded(),
            Get(1).Forwarded());

        yield return Case("RFC 9111 §5.3", "an Expires a minute in the past makes the response stale on arrival",
            [Ok("Expires: {T-60}")],
            Get().Forwarded(),
            Get(1).Forwarded());

        foreach (var (form, example) in new[]
        {
            ("utc", "the UTC zone instead of GMT"),
            ("two-digit-year", "a two-digit year in the IMF-fixdate form"),
            ("no-comma", "no comma after the day name"),
            ("double-space", "two spaces after the comma"),
            ("dashes", "dashes between day, month and year in the IMF-fixdate form"),
            ("dotted", "dots between hours, minutes and seconds"),
            ("one-digit-hour", "a one-digit hour"),
        })
        {
            yield return Case("RFC 9111 §5.3", $"an Expires a day ahead written with {example} is invalid and means already expired",
                [Ok($"Expires: {{T+86400:{form}}}")],
                Get().Forwarded(),
                Get(1).Forwarded());
        }

        yield return Case("RFC 9111 §4.2.1", "of two different Expires lines, an hour ago and a day ahead, the first decides (or the response is stale), so it is not served from storage",
            [Ok("Expires: {T-3600}", "Expires: {T+86400}")],
            Get().Forwarded(),
            Get(1).Forwarded());

        yield return Case("RFC 9110 §6.6.1", "an Expires without a Date is measured from when the response was received, so it is fresh for exactly 60 seconds",
            [Ok("Expires: {T+60}") with { WithoutDate = true }],
            Get().Forwarded(),
            Get(59).FromStorage().WithBody(Body),
            Get(1).Forwarded());

        yield return Case("RFC 9111 §4.2.1", "the lifetime is Expires minus Date, so with Date 30 seconds behind and Expires 30 seconds ahead the response is fresh for 30 seconds",
            [Ok("Date: {T-30}", "Expires: {T+30}")],
            Get().Forwarded(),
            Get(29).FromStorage().Returning("Age: 59").WithBody(Body),
            Get(1).Forwarded());

        yield return Case("RFC 9111 §5.3", "max-age=60 overrides an Expires in the past, so the response is served from storage 30 seconds later",
            [Ok("Cache-Control: max-age=60", "Expires: {T-3600}")],
            Get().Forwarded(),
            Get(30).FromStorage().WithBody(Body));

        yield return Case("RFC 9111 §5.3", "max-age=0 overrides an Expires a day ahead, so the response is stale at once",
            [Ok("Cache-Control: max-age=0", "Expires: {T+86400}")],
            Get().Forwarded(),
            Get(1).Forwarded());

        yield return Case("RFC 9111 §5.3", "s-maxage=60 overrides an Expires in the past, so the response is served from storage 30 seconds later",
            [Ok("Cache-Control: s-maxage=60", "Expires: {T-3600}")],
            Get().Forwarded(),
            Get(30).FromStorage().WithBody(Body));
    }
}
