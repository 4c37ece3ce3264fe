using System.Globalization;
using System.Text.RegularExpressions;
using MediaEdge.Caching;
using MediaEdge.Origins;
using MediaEdge.Shield;

namespace MediaEdge.Tests.Shield;

/// <summary>Fields are written one line each, "\n" between lines; "{T}", "{T+60}", "{T-1000}" are HTTP-dates around <see cref="T"/>.</summary>
public sealed partial class ExpirationModelTests
{
    private const string Configured = "public, max-age=600, stale-while-revalidate=30, stale-if-error=3600";
    private static readonly DateTimeOffset T = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly ExpirationModel _sut = new(new CacheOptions { FreshSeconds = 600, StaleWhileRevalidateSeconds = 30, StaleIfErrorSeconds = 3600 });

    // RFC 9111 §3 and §5.2.2.5: no-store in Cache-Control, or in the CDN-Cache-Control that replaces it (RFC 9213 §2.1).
    [Theory]
    [InlineData("Cache-Control: no-store")]
    [InlineData("Cache-Control: max-age=60, NO-STORE")]
    [InlineData("Cache-Control: max-age=60\nCache-Control: no-store")]
    [InlineData("Cache-Control: max-age=60\nCDN-Cache-Control: no-store")]
    public void Unstorable_NoStore_IsNoStore(string fields)
    {
        Assert.Equal("no-store", ExpirationModel.Unstorable(200, Fields(fields), false));
    }

    [Theory]
    // RFC 9213 §3.1: "CDN-Cache-Control: max-age=600" or "none" beside "Cache-Control: no-store" lets a CDN store it.
    [InlineData("Cache-Control: no-store\nCDN-Cache-Control: max-age=600")]
    [InlineData("Cache-Control: no-store\nCDN-Cache-Control: none")]
    // RFC 9111 §5.2.2.7: qualified private lets a shared cache store the response without the named fields.
    [InlineData("Cache-Control: private=\"X-A\", max-age=60")]
    // RFC 9111 §3.5: the responses that need a permission after a request with Authorization, after one without.
    [InlineData("")]
    [InlineData("Cache-Control: max-age=60")]
    // RFC 9111 §4.1: Vary values other than "*" are stored as secondary keys.
    [InlineData("Vary: Accept, Width")]
    public void Unstorable_WhatNoRuleForbids_IsStorable(string fields)
    {
        Assert.Null(ExpirationModel.Unstorable(200, Fields(fields), requestHadAuthorization: false));
    }

    // RFC 9111 §5.2.2.3: a cache that understands the status "SHOULD ignore the no-store directive".
    [Theory]
    [InlineData(200)]
    [InlineData(404)]
    public void Unstorable_MustUnderstandWithAnUnderstoodStatus_IgnoresNoStore(int status)
    {
        Assert.Null(ExpirationModel.Unstorable(status, Fields("Cache-Control: must-understand, no-store"), false));
    }

    // RFC 9111 §3: with must-understand, the response is stored only where "the cache understands the response status code".
    [Theory]
    [InlineData(299, "Cache-Control: must-understand, no-store")]
    [InlineData(599, "Cache-Control: must-understand, no-store")]
    [InlineData(499, "Cache-Control: must-understand, max-age=60")]
    [InlineData(599, "Cache-Control: public, max-age=60, must-understand")]
    public void Unstorable_MustUnderstandWithAnUnknownStatus_IsMustUnderstand(int status, string fields)
    {
        Assert.Equal("must-understand", ExpirationModel.Unstorable(status, Fields(fields), false));
    }

    // RFC 9111 §3: must-understand is not among the "at least one of" that permit storing; a 201 is not heuristically
    // cacheable (RFC 9110 §15.3.2), so with no public, max-age, s-maxage or Expires it "MUST NOT" be stored.
    [Fact]
    public void Unstorable_201WithMustUnderstandButNoFreshness_IsNotStorable()
    {
        Assert.NotNull(ExpirationModel.Unstorable(201, Fields("Cache-Control: must-understand, no-store"), false));
    }

    // RFC 9111 §5.2.2.7: unqualified private keeps a response out of a shared cache.
    [Theory]
    [InlineData("Cache-Control: private")]
    [InlineData("Cache-Control: public, max-age=60, Private")]
    [InlineData("Cache-Control: public, max-age=60\nCDN-Cache-Control: private")]
    public void Unstorable_Private_IsPrivate(string fields)
    {
        Assert.Equal("private", ExpirationModel.Unstorable(200, Fields(fields), false));
    }

    // RFC 9111 §3.5: a response to a request with Authorization is stored only with must-revalidate, public or s-maxage.
    [Theory]
    [InlineData("", "authorization")]
    [InlineData("Cache-Control: max-age=60", "authorization")]
    [InlineData("Cache-Control: no-cache", "authorization")]
    [InlineData("Cache-Control: proxy-revalidate, max-age=60", "authorization")]
    [InlineData("Cache-Control: public", null)]
    [InlineData("Cache-Control: s-maxage=60", null)]
    [InlineData("Cache-Control: s-maxage=0", null)]
    [InlineData("Cache-Control: must-revalidate", null)]
    [InlineData("Cache-Control: max-age=60, must-revalidate", null)]
    public void Unstorable_RequestWithAuthorization_NeedsAnExplicitPermission(string fields, string? expected)
    {
        Assert.Equal(expected, ExpirationModel.Unstorable(200, Fields(fields), requestHadAuthorization: true));
    }

    // RFC 9111 §4.1: a Vary member "*" always fails to match, so the response is not stored.
    [Theory]
    [InlineData("Vary: *")]
    [InlineData("Vary: *, foo")]
    [InlineData("Vary: foo, *")]
    [InlineData("Vary: Accept\nVary: *")]
    public void Unstorable_VaryStar_IsVaryStar(string fields)
    {
        Assert.Equal("vary:*", ExpirationModel.Unstorable(200, Fields(fields), false));
    }

    // RFC 9111 §3: 206 and 304 only where the cache understands them (§3.3, §4.3.4); a non-final status never.
    [Theory]
    [InlineData(206, "partial")]
    [InlineData(304, "status")]
    [InlineData(100, "status")]
    [InlineData(103, "status")]
    public void Unstorable_PartialNotModifiedOrInterim_IsNotStorable(int status, string expected)
    {
        Assert.Equal(expected, ExpirationModel.Unstorable(status, Fields("Cache-Control: public, max-age=60"), false));
    }

    // RFC 9111 §3: the response contains public, Expires, max-age, s-maxage, or a heuristically cacheable status (§4.2.2).
    [Theory]
    [InlineData(201, "", "no freshness information")]
    [InlineData(201, "Cache-Control: no-cache", "no freshness information")]
    [InlineData(500, "", "no freshness information")]
    [InlineData(201, "Cache-Control: max-age=60", null)]
    [InlineData(201, "Cache-Control: s-maxage=60", null)]
    [InlineData(201, "Cache-Control: public", null)]
    [InlineData(201, "Expires: {T+60}", null)]
    [InlineData(404, "", null)]
    [InlineData(410, "", null)]
    [InlineData(501, "", null)]
    [InlineData(200, "", null)]
    public void Unstorable_ExplicitFreshnessOrAHeuristicallyCacheableStatus_IsNeeded(int status, string fields, string? expected)
    {
        Assert.Equal(expected, ExpirationModel.Unstorable(status, Fields(fields), false));
    }

    // RFC 9213 §2.1: with a valid CDN-Cache-Control a cache "MUST ignore the Cache-Control and Expires header fields", so an
    // Expires beside it does not make a 201 (not heuristically cacheable) storable.
    [Fact]
    public void Unstorable_201WithCdnCacheControlAndExpiresOnly_IsNotStorable()
    {
        Assert.NotNull(ExpirationModel.Unstorable(201, Fields("CDN-Cache-Control: must-revalidate\nExpires: {T+3600}"), false));
    }

    // RFC 9111 §4.2.1: a shared cache uses s-maxage, then max-age, then Expires − Date.
    [Theory]
    [InlineData("Cache-Control: max-age=60, s-maxage=120", 120)]
    [InlineData("Cache-Control: s-maxage=120, max-age=60", 120)]
    [InlineData("Cache-Control: max-age=60\nCache-Control: s-maxage=120", 120)]
    [InlineData("Cache-Control: s-maxage=120\nCache-Control: max-age=60", 120)]
    [InlineData("Cache-Control: s-maxage=30, max-age=600", 30)]
    [InlineData("Cache-Control: s-maxage=0, max-age=600", 0)]
    [InlineData("Cache-Control: max-age=60\nDate: {T}\nExpires: {T+3600}", 60)]
    [InlineData("Cache-Control: max-age=0\nDate: {T}\nLast-Modified: {T-100000}", 0)]
    public void FreshnessLifetime_SharedMaxAgeThenMaxAge_ComeFirst(string fields, int expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), _sut.FreshnessLifetime(Head(200, fields)));
    }

    // RFC 9213 §2.1: a valid CDN-Cache-Control replaces Cache-Control; an invalid or empty one "MUST be ignored".
    [Theory]
    [InlineData("Cache-Control: max-age=60\nCDN-Cache-Control: max-age=120", 120)]
    [InlineData("CDN-Cache-Control: max-age=120\nCache-Control: max-age=60", 120)]
    [InlineData("Cache-Control: s-maxage=600\nCDN-Cache-Control: max-age=120", 120)]
    [InlineData("Cache-Control: max-age=600\nCDN-Cache-Control: max-age=10", 10)]
    [InlineData("CDN-Cache-Control: max-age=0\nDate: {T}\nExpires: {T+86400}", 0)]
    [InlineData("Cache-Control: max-age=60\nCDN-Cache-Control: max-age=\"120\"", 60)]
    [InlineData("Cache-Control: max-age=60\nCDN-Cache-Control: MAX-AGE=120", 60)]
    [InlineData("Cache-Control: max-age=60\nCDN-Cache-Control: max-age=120,", 60)]
    [InlineData("Cache-Control: max-age=60\nCDN-Cache-Control: ", 60)]
    public void FreshnessLifetime_CdnCacheControl_ReplacesCacheControlWhereValid(string fields, int expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), _sut.FreshnessLifetime(Head(200, fields)));
    }

    // RFC 9213 §2.1: with a valid CDN-Cache-Control the cache "MUST ignore the Cache-Control and Expires header fields", so a
    // CDN-Cache-Control without max-age leaves only the heuristic: 10% of Date − Last-Modified (RFC 9111 §4.2.2) = 100 s.
    [Fact]
    public void FreshnessLifetime_ValidCdnCacheControlWithoutMaxAge_IgnoresExpires()
    {
        var head = Head(200, "CDN-Cache-Control: must-revalidate\nDate: {T}\nExpires: {T+3600}\nLast-Modified: {T-1000}");

        Assert.Equal(TimeSpan.FromSeconds(100), _sut.FreshnessLifetime(head));
    }

    // RFC 9111 §4.2.1: Expires minus Date, where Date (not the later response time) is the base.
    [Fact]
    public void FreshnessLifetime_Expires_IsExpiresMinusDate()
    {
        var head = new ResponseHead(200, Fields("Date: {T}\nExpires: {T+3600}"), T, T.AddSeconds(5));

        Assert.Equal(TimeSpan.FromSeconds(3600), _sut.FreshnessLifetime(head));
    }

    // RFC 9110 §6.6.1: a response without Date gets the time it was received as its Date, so Expires − response time.
    [Fact]
    public void FreshnessLifetime_ExpiresWithoutDate_IsExpiresMinusTheResponseTime()
    {
        var head = new ResponseHead(200, Fields("Expires: {T+3600}"), T.AddSeconds(599), T.AddSeconds(600));

        Assert.Equal(TimeSpan.FromSeconds(3000), _sut.FreshnessLifetime(head));
    }

    // RFC 9110 §5.6.7: Expires in the obsolete rfc850 and asctime forms is still a date.
    [Theory]
    [InlineData("Expires: Sunday, 01-Jun-25 13:00:00 GMT")]
    [InlineData("Expires: Sun Jun  1 13:00:00 2025")]
    [InlineData("Expires: {T+3600}\nExpires: {T+3600}")]
    public void FreshnessLifetime_ExpiresInAnyForm_IsRead(string expires)
    {
        Assert.Equal(TimeSpan.FromSeconds(3600), _sut.FreshnessLifetime(Head(200, "Date: {T}\n" + expires)));
    }

    // RFC 9111 §5.3: an invalid Expires ("especially the value 0") is in the past; §4.2.1: an Expires before Date, or two
    // that disagree, leave the response stale; and none of this falls back to a heuristic (§4.2.2).
    [Theory]
    [InlineData("Expires: 0")]
    [InlineData("Expires: -1")]
    [InlineData("Expires: tomorrow")]
    [InlineData("Expires: Sun, 01 Jun 2025 13:00:00 UTC")]
    [InlineData("Expires: ")]
    [InlineData("Expires: {T-60}")]
    [InlineData("Expires: {T}")]
    [InlineData("Expires: {T+3600}\nExpires: {T+60}")]
    [InlineData("Expires: {T+3600}\nExpires: 0")]
    public void FreshnessLifetime_InvalidPastOrConflictingExpires_IsZero(string expires)
    {
        Assert.Equal(TimeSpan.Zero, _sut.FreshnessLifetime(Head(200, "Date: {T}\nLast-Modified: {T-1000}\n" + expires)));
    }

    // RFC 9111 §4.2.2: 10% of the time since Last-Modified, capped here at Cache:FreshSeconds; none for a future Last-Modified.
    [Theory]
    [InlineData("Date: {T}\nLast-Modified: {T-1000}", 100)]
    [InlineData("Date: {T}\nLast-Modified: {T-6000}", 600)]
    [InlineData("Date: {T}\nLast-Modified: {T-100000}", 600)]
    [InlineData("Last-Modified: {T-1000}", 100)]
    [InlineData("Date: {T}\nLast-Modified: {T}", 0)]
    [InlineData("Date: {T}\nLast-Modified: {T+10}", 0)]
    public void FreshnessLifetime_LastModified_IsTenPercentCappedAtFreshSeconds(string fields, int expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), _sut.FreshnessLifetime(Head(200, fields)));
    }

    // RFC 9111 §4.2.2: heuristics only for heuristically cacheable statuses (RFC 9110 §15.1) or where public marks the
    // response explicitly cacheable.
    [Theory]
    [InlineData(201, "", 0)]
    [InlineData(403, "", 0)]
    [InlineData(500, "", 0)]
    [InlineData(599, "", 0)]
    [InlineData(404, "", 100)]
    [InlineData(599, "Cache-Control: public\n", 100)]
    [InlineData(500, "Cache-Control: public\n", 100)]
    public void FreshnessLifetime_Heuristic_OnlyForCacheableStatusesOrPublic(int status, string extra, int expectedSeconds)
    {
        var head = Head(status, extra + "Date: {T}\nLast-Modified: {T-1000}");

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), _sut.FreshnessLifetime(head));
    }

    // RFC 9111 §4.2.2 (the heuristic is the cache's own): an origin that says nothing about freshness but sends an ETag gets
    // Cache:FreshSeconds for a 2xx/3xx it may cache; a 404 none.
    [Theory]
    [InlineData(200, 600)]
    [InlineData(203, 600)]
    [InlineData(204, 600)]
    [InlineData(300, 600)]
    [InlineData(301, 600)]
    [InlineData(308, 600)]
    [InlineData(404, 0)]
    [InlineData(410, 0)]
    [InlineData(201, 0)]
    public void FreshnessLifetime_SilentOrigin_IsFreshSecondsOnlyForSuccessAndRedirect(int status, int expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), _sut.FreshnessLifetime(Head(status, "ETag: \"a\"")));
    }

    // RFC 9111 §4.2.2: a silent response with no validator at all is not given the configured freshness (it could not be
    // revalidated cheaply), so it is stale at once.
    [Fact]
    public void FreshnessLifetime_SilentOriginWithoutAValidator_IsZero()
    {
        Assert.Equal(TimeSpan.Zero, _sut.FreshnessLifetime(Head(200, "Content-Type: image/jpeg")));
    }

    // RFC 9213 §2.1: an invalid CDN-Cache-Control "MUST be ignored by the cache (i.e., it behaves as if the field were not
    // present ...)", so an origin that sent only that, and an ETag, is a silent origin and gets Cache:FreshSeconds.
    [Fact]
    public void FreshnessLifetime_OnlyAnInvalidCdnCacheControl_IsTheSilentOriginsFreshness()
    {
        Assert.Equal(TimeSpan.FromSeconds(600), _sut.FreshnessLifetime(Head(200, "CDN-Cache-Control: MAX-AGE=60\nETag: \"a\"")));
    }

    // RFC 9111 §4.2.3, the request sent at {T+requestSent}, the response received at {T}, its age taken at {T+now}.
    [Theory]
    // apparent_age = max(0, response_time − date_value) where the Date is behind.
    [InlineData("Date: {T-100}", -1, 0, 100)]
    // corrected_age_value = age_value + response_delay.
    [InlineData("Date: {T}\nAge: 500", -2, 0, 502)]
    // Without Age, the response delay alone still counts.
    [InlineData("Date: {T}", -5, 0, 5)]
    // resident_time = now − response_time is added.
    [InlineData("Date: {T}", 0, 300, 300)]
    // corrected_initial_age = max(apparent_age, corrected_age_value), then + resident_time.
    [InlineData("Date: {T-100}\nAge: 50", -2, 60, 160)]
    [InlineData("Date: {T-100}\nAge: 500", -2, 60, 562)]
    [InlineData("Date: {T+100}", -2, 60, 62)]
    [InlineData("Date: yesterday\nAge: abc", -2, 60, 62)]
    public void CurrentAge_TheLargerOfApparentAndCorrectedAge_PlusResidentTime(string fields, int requestSent, int now, int expectedSeconds)
    {
        var head = new ResponseHead(200, Fields(fields), T.AddSeconds(requestSent), T);

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), ExpirationModel.CurrentAge(head, T.AddSeconds(now)));
    }

    // RFC 9111 §5.1: "a list-based Age field value SHOULD use the first member", and an invalid one "SHOULD" be ignored;
    // §1.2.2: past 2^31 is 2^31.
    [Theory]
    [InlineData("Age: 7200", 7200L)]
    [InlineData("Age: abc", null)]
    [InlineData("Age: -7200", null)]
    [InlineData("Age: 7200.0", null)]
    [InlineData("Age: ", null)]
    [InlineData("Age: 2147483648", 2147483648L)]
    [InlineData("Age: 99999999999", 2147483648L)]
    [InlineData("Age: 7200, 0", 7200L)]
    [InlineData("Age: 0, 7200", 0L)]
    [InlineData("Age: 7200\nAge: 0", 7200L)]
    [InlineData("Age: abc\nAge: 7200", null)]
    [InlineData("Date: {T}", null)]
    public void AgeValue_FirstMemberOfTheFirstLine_WhereItIsDeltaSeconds(string fields, long? expectedSeconds)
    {
        TimeSpan? expected = expectedSeconds is { } s ? TimeSpan.FromSeconds(s) : null;

        Assert.Equal(expected, ExpirationModel.AgeValue(Fields(fields)));
    }

    // RFC 5861 §3/§4: the origin's own windows. RFC 9111 §4.2.4: a cache "MUST NOT generate a stale response unless it is
    // disconnected or doing so is explicitly permitted by the client or origin server", and never where must-revalidate,
    // proxy-revalidate, s-maxage or no-cache prohibit it; so none are implied for an origin that grants none.
    [Theory]
    [InlineData("Cache-Control: max-age=60, stale-while-revalidate=45, stale-if-error=99", 45, 99)]
    [InlineData("Cache-Control: max-age=60, stale-while-revalidate=45", 45, 0)]
    [InlineData("Cache-Control: max-age=60, stale-if-error=99", 0, 99)]
    [InlineData("ETag: \"a\"", 0, 0)]
    [InlineData("Expires: {T+60}", 0, 0)]
    [InlineData("Date: {T}\nLast-Modified: {T-1000}", 0, 0)]
    [InlineData("Cache-Control: max-age=60", 0, 0)]
    [InlineData("Cache-Control: public", 0, 0)]
    [InlineData("Cache-Control: max-age=60, stale-while-revalidate=abc", 0, 0)]
    [InlineData("Cache-Control: max-age=60, stale-while-revalidate=45, stale-if-error=99, must-revalidate", 0, 0)]
    [InlineData("Cache-Control: max-age=60, stale-while-revalidate=45, stale-if-error=99, proxy-revalidate", 0, 0)]
    [InlineData("Cache-Control: s-maxage=60, stale-while-revalidate=45, stale-if-error=99", 0, 0)]
    [InlineData("Cache-Control: no-cache, stale-while-revalidate=45, stale-if-error=99", 0, 0)]
    [InlineData("Cache-Control: must-revalidate", 0, 0)]
    [InlineData("CDN-Cache-Control: max-age=60, stale-while-revalidate=45, stale-if-error=99", 45, 99)]
    [InlineData("Cache-Control: max-age=60, stale-while-revalidate=45, stale-if-error=99\nCDN-Cache-Control: max-age=60", 0, 0)]
    [InlineData("Cache-Control: stale-if-error=5\nCDN-Cache-Control: max-age=60, must-revalidate, stale-if-error=99", 0, 0)]
    public void StaleWindows_OnlyTheOriginsOwn_NeverWhereForbidden(string fields, int swr, int sie)
    {
        var head = Head(200, fields);

        Assert.Equal(TimeSpan.FromSeconds(swr), _sut.StaleWhileRevalidate(head));
        Assert.Equal(TimeSpan.FromSeconds(sie), _sut.StaleIfError(head));
    }

    // RFC 5861 §3/§4: a silent origin's response is stored with the configured Cache-Control, which then grants the
    // configured lifetime and windows.
    [Fact]
    public void StaleWindows_SilentOriginStoredWithTheConfiguredCacheControl_AreTheConfiguredOnes()
    {
        var fields = Fields("Content-Type: image/jpeg\nETag: \"a\"");
        var configured = _sut.ConfiguredCacheControl(200, fields);
        Assert.NotNull(configured);
        var head = new ResponseHead(200, [.. fields, new HeaderField("Cache-Control", configured)], T, T);

        Assert.Equal(TimeSpan.FromSeconds(600), _sut.FreshnessLifetime(head));
        Assert.Equal(TimeSpan.FromSeconds(30), _sut.StaleWhileRevalidate(head));
        Assert.Equal(TimeSpan.FromSeconds(3600), _sut.StaleIfError(head));
    }

    // RFC 9111 §4.2.4: a disconnected cache may serve stale unless a directive prohibits it; here for the longer of the
    // origin's stale-if-error and Cache:StaleIfErrorSeconds.
    [Theory]
    [InlineData("Cache-Control: max-age=60", 3600)]
    [InlineData("Cache-Control: max-age=60, stale-if-error=7200", 7200)]
    [InlineData("Cache-Control: max-age=60, stale-if-error=5", 3600)]
    [InlineData("ETag: \"a\"", 3600)]
    [InlineData("Cache-Control: max-age=60, stale-if-error=7200, must-revalidate", 0)]
    [InlineData("Cache-Control: max-age=60, proxy-revalidate", 0)]
    [InlineData("Cache-Control: s-maxage=60", 0)]
    [InlineData("Cache-Control: no-cache", 0)]
    [InlineData("Cache-Control: max-age=60\nCDN-Cache-Control: max-age=60, must-revalidate", 0)]
    public void StaleWhenDisconnected_UnlessProhibited_IsTheLongerStaleIfError(string fields, int expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), _sut.StaleWhenDisconnected(Head(200, fields)));
    }

    // RFC 9111 §4.2.2 (a cache's own heuristic): the configured Cache-Control for a silent origin's 2xx/3xx with an ETag.
    [Theory]
    [InlineData(200)]
    [InlineData(203)]
    [InlineData(204)]
    [InlineData(300)]
    [InlineData(301)]
    [InlineData(308)]
    public void ConfiguredCacheControl_SilentOrigin_IsTheConfiguredDirectives(int status)
    {
        Assert.Equal(Configured, _sut.ConfiguredCacheControl(status, Fields("Content-Type: image/jpeg\nDate: {T}\nETag: \"a\"")));
    }

    // RFC 9111 §4.2.2: never where the origin gave freshness information, nor for statuses the default does not cover.
    [Theory]
    [InlineData(200, "Cache-Control: no-transform")]
    [InlineData(200, "Cache-Control: ")]
    [InlineData(200, "CDN-Cache-Control: max-age=60")]
    [InlineData(200, "Surrogate-Control: max-age=60")]
    [InlineData(200, "Expires: {T+60}")]
    [InlineData(200, "Last-Modified: {T-1000}")]
    [InlineData(404, "")]
    [InlineData(201, "")]
    [InlineData(206, "")]
    [InlineData(500, "")]
    public void ConfiguredCacheControl_OriginSaidSomethingOrStatusNotCovered_IsNull(int status, string fields)
    {
        Assert.Null(_sut.ConfiguredCacheControl(status, Fields("ETag: \"a\"\n" + fields)));
    }

    // RFC 9111 §4.2.2: without a validator to revalidate with, a silent response gets no configured freshness.
    [Fact]
    public void ConfiguredCacheControl_SilentOriginWithoutAnETag_IsNull()
    {
        Assert.Null(_sut.ConfiguredCacheControl(200, Fields("Content-Type: image/jpeg\nDate: {T}")));
    }

    // RFC 9213 §2.1: an invalid CDN-Cache-Control behaves "as if the field were not present", so the origin is silent.
    [Fact]
    public void ConfiguredCacheControl_OnlyAnInvalidCdnCacheControl_IsTheConfiguredDirectives()
    {
        Assert.Equal(Configured, _sut.ConfiguredCacheControl(200, Fields("CDN-Cache-Control: MAX-AGE=60\nETag: \"a\"")));
    }

    private static ResponseHead Head(int status, string fields) => new(status, Fields(fields), T, T);

    private static HeaderField[] Fields(string lines) =>
        lines.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Field).ToArray();

    private static HeaderField Field(string line)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        var value = DatePlaceholder().Replace(line[(colon + 1)..].Trim(), m =>
            HttpDate.Format(T.AddSeconds(m.Groups[1].Success ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0)));
        return new HeaderField(line[..colon], value);
    }

    [GeneratedRegex(@"\{T([+-]\d+)?\}")]
    private static partial Regex DatePlaceholder();
}
