using MediaEdge.Shield;

namespace MediaEdge.Tests.Shield;

public sealed class CacheControlTests
{
    private const long TwoToThe31 = 2147483648;

    // RFC 9111 §5.2: "Cache directives are identified by a token, to be compared case-insensitively".
    [Theory]
    [InlineData("max-age=60")]
    [InlineData("MAX-AGE=60")]
    [InlineData("Max-Age=60")]
    [InlineData("mAx-AgE=60")]
    public void Parse_MaxAgeNameInAnyCase_IsRead(string value)
    {
        var sut = CacheControl.Parse(value);

        Assert.Equal(TimeSpan.FromSeconds(60), sut.MaxAge);
    }

    // RFC 9111 §5.2: directive names are case-insensitive.
    [Theory]
    [InlineData("NO-STORE")]
    [InlineData("No-Store")]
    [InlineData("no-STORE")]
    public void Parse_NoStoreNameInAnyCase_IsRead(string value)
    {
        Assert.True(CacheControl.Parse(value).NoStore);
    }

    // RFC 9111 §5.2: an argument is a token or a quoted-string, and recipients ought to accept both forms.
    [Theory]
    [InlineData("max-age=60")]
    [InlineData("max-age=\"60\"")]
    [InlineData("public, max-age=\"60\", no-transform")]
    public void Parse_MaxAgeAsTokenOrQuotedString_IsSixtySeconds(string value)
    {
        Assert.Equal(TimeSpan.FromSeconds(60), CacheControl.Parse(value).MaxAge);
    }

    // RFC 9111 §5.2: quoted-string arguments for every delta-seconds directive.
    [Fact]
    public void Parse_QuotedDeltaSecondsOnEveryDirective_AreRead()
    {
        var sut = CacheControl.Parse("s-maxage=\"120\", stale-while-revalidate=\"30\", stale-if-error=\"90\"");

        Assert.Equal(TimeSpan.FromSeconds(120), sut.SharedMaxAge);
        Assert.Equal(TimeSpan.FromSeconds(30), sut.StaleWhileRevalidate);
        Assert.Equal(TimeSpan.FromSeconds(90), sut.StaleIfError);
    }

    // RFC 9111 §5.2 (quoted-string, RFC 9110 §5.6.4): a comma or a directive inside quotes belongs to the argument.
    [Theory]
    [InlineData("foo=\"max-age=3600\", max-age=1")]
    [InlineData("max-age=1, foo=\"a, max-age=3600\"")]
    [InlineData("foo=\"a, max-age=3600, b\", max-age=1")]
    [InlineData("foo=\"a\\\"b, max-age=3600\", max-age=1")]
    [InlineData("foo=\"max-age=3600\",max-age=1")]
    public void Parse_DirectiveInsideAQuotedString_IsNotADirective(string value)
    {
        Assert.Equal(TimeSpan.FromSeconds(1), CacheControl.Parse(value).MaxAge);
    }

    // RFC 9110 §5.6.4: a quoted no-store inside another directive's argument is data, not a directive.
    [Fact]
    public void Parse_NoStoreInsideAQuotedString_IsNotNoStore()
    {
        var sut = CacheControl.Parse("ext=\"x, no-store, private\", max-age=5");

        Assert.False(sut.NoStore);
        Assert.False(sut.Private);
        Assert.Equal(TimeSpan.FromSeconds(5), sut.MaxAge);
    }

    // RFC 9111 §4.2.1: "either the first occurrence should be used, or the response should be considered stale".
    [Theory]
    [InlineData("max-age=60, max-age=120", 60)]
    [InlineData("max-age=120, max-age=60", 120)]
    [InlineData("max-age=60, MAX-AGE=120", 60)]
    [InlineData("max-age=abc, max-age=60", 0)]
    public void Parse_DuplicateMaxAge_TheFirstWins(string value, int expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), CacheControl.Parse(value).MaxAge);
    }

    // RFC 9111 §4.2.1: the first of duplicate s-maxage directives.
    [Fact]
    public void Parse_DuplicateSharedMaxAge_TheFirstWins()
    {
        Assert.Equal(TimeSpan.FromSeconds(5), CacheControl.Parse("s-maxage=5, s-maxage=50").SharedMaxAge);
    }

    // RFC 9111 §4.2.1: duplicates across field lines, the first line's directive wins.
    [Fact]
    public void Parse_DuplicateMaxAgeAcrossLines_TheFirstLineWins()
    {
        Assert.Equal(TimeSpan.FromSeconds(60), CacheControl.Parse(["max-age=60", "max-age=120"]).MaxAge);
    }

    // RFC 9111 §1.2.2 (delta-seconds = 1*DIGIT) and §4.2.1: invalid freshness information makes the response stale.
    [Theory]
    [InlineData("max-age=-1")]
    [InlineData("max-age=abc")]
    [InlineData("max-age='3600'")]
    [InlineData("max-age=1.5")]
    [InlineData("max-age=")]
    [InlineData("max-age")]
    [InlineData("max-age=\"\"")]
    [InlineData("max-age=+60")]
    [InlineData("max-age=60s")]
    [InlineData("max-age=0x10")]
    [InlineData("max-age=6 0")]
    [InlineData("max-age=\"-1\"")]
    public void Parse_InvalidMaxAge_IsZero(string value)
    {
        Assert.Equal(TimeSpan.Zero, CacheControl.Parse(value).MaxAge);
    }

    // RFC 9111 §1.2.2 and §4.2.1: an invalid s-maxage makes the response stale, too.
    [Theory]
    [InlineData("s-maxage=-1")]
    [InlineData("s-maxage=abc")]
    [InlineData("s-maxage=1.5")]
    [InlineData("s-maxage=")]
    public void Parse_InvalidSharedMaxAge_IsZero(string value)
    {
        Assert.Equal(TimeSpan.Zero, CacheControl.Parse(value).SharedMaxAge);
    }

    // RFC 9111 §1.2.2: delta-seconds = 1*DIGIT, so leading zeros are digits like any other.
    [Theory]
    [InlineData("max-age=003600", 3600)]
    [InlineData("max-age=\"003600\"", 3600)]
    [InlineData("max-age=000", 0)]
    [InlineData("max-age=0", 0)]
    public void Parse_LeadingZeros_AreIgnored(string value, int expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), CacheControl.Parse(value).MaxAge);
    }

    // RFC 9111 §1.2.2: a value past the greatest integer the cache represents "MUST" be taken as 2147483648 (2^31).
    [Theory]
    [InlineData("2147483647", 2147483647)]
    [InlineData("2147483648", TwoToThe31)]
    [InlineData("2147483649", TwoToThe31)]
    [InlineData("4294967296", TwoToThe31)]
    [InlineData("99999999999", TwoToThe31)]
    [InlineData("99999999999999999999999999", TwoToThe31)]
    [InlineData("000000000002147483649", TwoToThe31)]
    public void Parse_HugeMaxAge_IsCappedAtTwoToThe31Seconds(string digits, long expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), CacheControl.Parse($"max-age={digits}").MaxAge);
    }

    // RFC 9111 §1.2.2: the cap applies to every delta-seconds directive.
    [Fact]
    public void Parse_HugeStaleWindowsAndSharedMaxAge_AreCapped()
    {
        var sut = CacheControl.Parse("s-maxage=99999999999, stale-while-revalidate=99999999999, stale-if-error=99999999999");

        Assert.Equal(CacheControl.MaxDelta, sut.SharedMaxAge);
        Assert.Equal(CacheControl.MaxDelta, sut.StaleWhileRevalidate);
        Assert.Equal(CacheControl.MaxDelta, sut.StaleIfError);
        Assert.Equal(TimeSpan.FromSeconds(TwoToThe31), CacheControl.MaxDelta);
    }

    // RFC 9111 §5.2.2.4: unqualified no-cache means revalidate before every use.
    [Fact]
    public void Parse_UnqualifiedNoCache_IsNoCacheWithoutFields()
    {
        var sut = CacheControl.Parse("no-cache");

        Assert.True(sut.NoCache);
        Assert.Empty(sut.NoCacheFields);
    }

    // RFC 9111 §5.2.2.4: qualified no-cache="…" restricts only the listed fields; it is not unqualified no-cache.
    [Theory]
    [InlineData("no-cache=\"Set-Cookie, X-A\"", new[] { "Set-Cookie", "X-A" })]
    [InlineData("no-cache=\"Set-Cookie,X-A\"", new[] { "Set-Cookie", "X-A" })]
    [InlineData("no-cache=Set-Cookie", new[] { "Set-Cookie" })]
    [InlineData("max-age=60, NO-CACHE=\"X-A\"", new[] { "X-A" })]
    public void Parse_QualifiedNoCache_ListsTheFields(string value, string[] expected)
    {
        var sut = CacheControl.Parse(value);

        Assert.False(sut.NoCache);
        Assert.Equal(expected, sut.NoCacheFields);
    }

    // RFC 9111 §5.2.2.7: unqualified private keeps the response out of a shared cache.
    [Fact]
    public void Parse_UnqualifiedPrivate_IsPrivateWithoutFields()
    {
        var sut = CacheControl.Parse("private");

        Assert.True(sut.Private);
        Assert.Empty(sut.PrivateFields);
    }

    // RFC 9111 §5.2.2.7: qualified private="…" lets a shared cache store the response without those fields.
    [Theory]
    [InlineData("private=\"X-A\"", new[] { "X-A" })]
    [InlineData("private=\"X-A, Set-Cookie\", max-age=60", new[] { "X-A", "Set-Cookie" })]
    [InlineData("Private=X-A", new[] { "X-A" })]
    public void Parse_QualifiedPrivate_ListsTheFields(string value, string[] expected)
    {
        var sut = CacheControl.Parse(value);

        Assert.False(sut.Private);
        Assert.Equal(expected, sut.PrivateFields);
    }

    // RFC 9111 §5.2.2 (and RFC 8246 immutable): each boolean directive sets its flag and only its flag.
    [Theory]
    [InlineData("no-store")]
    [InlineData("no-cache")]
    [InlineData("private")]
    [InlineData("public")]
    [InlineData("must-revalidate")]
    [InlineData("proxy-revalidate")]
    [InlineData("must-understand")]
    [InlineData("no-transform")]
    [InlineData("immutable")]
    public void Parse_BooleanDirective_SetsOnlyItsFlag(string directive)
    {
        var sut = CacheControl.Parse($"max-age=5, {directive}, x-unknown");

        Assert.Equal([directive], Flags(sut));
        Assert.Equal(TimeSpan.FromSeconds(5), sut.MaxAge);
    }

    // RFC 9111 §5.2.2.10 s-maxage, RFC 5861 §3 stale-while-revalidate and §4 stale-if-error.
    [Fact]
    public void Parse_DeltaSecondsDirectives_AreRead()
    {
        var sut = CacheControl.Parse("max-age=60, s-maxage=120, stale-while-revalidate=30, stale-if-error=86400");

        Assert.Equal(TimeSpan.FromSeconds(60), sut.MaxAge);
        Assert.Equal(TimeSpan.FromSeconds(120), sut.SharedMaxAge);
        Assert.Equal(TimeSpan.FromSeconds(30), sut.StaleWhileRevalidate);
        Assert.Equal(TimeSpan.FromSeconds(86400), sut.StaleIfError);
    }

    // RFC 9111 §5.2: directives absent from the field are absent from the result.
    [Fact]
    public void Parse_OnlyUnknownDirectives_SetsNothing()
    {
        var sut = CacheControl.Parse("foo, bar=baz, qux=\"max-age=5\"");

        Assert.Empty(Flags(sut));
        Assert.Null(sut.MaxAge);
        Assert.Null(sut.SharedMaxAge);
        Assert.Null(sut.StaleWhileRevalidate);
        Assert.Null(sut.StaleIfError);
    }

    // RFC 9110 §5.6.1: list members may have optional whitespace around the commas, and empty members are ignored.
    [Theory]
    [InlineData(" max-age=60 ,  no-store ")]
    [InlineData("max-age=60,no-store")]
    [InlineData(",, max-age=60, , no-store,")]
    [InlineData("max-age=60,\tno-store")]
    public void Parse_WhitespaceAndEmptyMembers_AreTolerated(string value)
    {
        var sut = CacheControl.Parse(value);

        Assert.Equal(TimeSpan.FromSeconds(60), sut.MaxAge);
        Assert.True(sut.NoStore);
    }

    // RFC 9111 §4.2.4: no stale response where must-revalidate, proxy-revalidate, s-maxage or no-cache forbid it.
    [Theory]
    [InlineData("must-revalidate", true)]
    [InlineData("proxy-revalidate", true)]
    [InlineData("s-maxage=60", true)]
    [InlineData("no-cache", true)]
    [InlineData("max-age=60, stale-while-revalidate=30, MUST-REVALIDATE", true)]
    [InlineData("max-age=60", false)]
    [InlineData("public, max-age=60, stale-while-revalidate=30, stale-if-error=60", false)]
    [InlineData("no-cache=\"X-A\"", false)]
    [InlineData("", false)]
    public void ForbidsStale_IsTrueOnlyForTheRevalidationDirectives(string value, bool expected)
    {
        Assert.Equal(expected, CacheControl.Parse(value).ForbidsStale);
    }

    // RFC 9110 §5.3: several field lines are one list, joined with commas.
    [Fact]
    public void Parse_SeveralLines_AreOneList()
    {
        var sut = CacheControl.Parse(["public, max-age=60", "no-transform", "stale-if-error=5"]);

        Assert.True(sut.Public);
        Assert.True(sut.NoTransform);
        Assert.Equal(TimeSpan.FromSeconds(60), sut.MaxAge);
        Assert.Equal(TimeSpan.FromSeconds(5), sut.StaleIfError);
    }

    // RFC 9110 §5.3: an empty line among several adds nothing.
    [Fact]
    public void Parse_SeveralLinesWithAnEmptyOne_IgnoresIt()
    {
        var sut = CacheControl.Parse(["", "max-age=60", " "]);

        Assert.Equal(TimeSpan.FromSeconds(60), sut.MaxAge);
        Assert.Empty(Flags(sut));
    }

    // RFC 9111 §5.2: no field means no directives.
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(" \t ")]
    public void Parse_NullEmptyOrWhitespace_IsNone(string? value)
    {
        Assert.Same(CacheControl.None, CacheControl.Parse(value));
    }

    // RFC 9111 §5.2: no lines means no directives.
    [Fact]
    public void Parse_NoLines_IsNone()
    {
        Assert.Same(CacheControl.None, CacheControl.Parse(Array.Empty<string>()));
    }

    private static string[] Flags(CacheControl d) =>
        new (string Name, bool Set)[]
        {
            ("no-store", d.NoStore), ("no-cache", d.NoCache), ("private", d.Private), ("public", d.Public),
            ("must-revalidate", d.MustRevalidate), ("proxy-revalidate", d.ProxyRevalidate), ("must-understand", d.MustUnderstand),
            ("no-transform", d.NoTransform), ("immutable", d.Immutable),
        }.Where(f => f.Set).Select(f => f.Name).ToArray();
}
