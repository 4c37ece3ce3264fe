using MediaEdge.Shield;

namespace MediaEdge.Tests.Shield;

public sealed class CdnCacheControlTests
{
    // RFC 9213 §2.1: a valid Dictionary (RFC 8941 §3.2) whose max-age is an Integer.
    [Theory]
    [InlineData("max-age=3600", 3600)]
    [InlineData("foobar, max-age=3600", 3600)]
    [InlineData("max-age=0", 0)]
    [InlineData("max-age=60;a=1", 60)]
    [InlineData("max-age=60;a=1;b=\"x\";c", 60)]
    [InlineData("max-age=3600,no-store", 3600)]
    [InlineData("max-age=3600 , public", 3600)]
    [InlineData("  max-age=3600", 3600)]
    [InlineData("max-age=3600  ", 3600)]
    [InlineData("a=(b c), max-age=3600", 3600)]
    [InlineData("a=?1, b=:YWJj:, c=1.5, d=\"x\", e=tok/en, max-age=3600", 3600)]
    [InlineData("max-age=60, max-age=3600", 3600)]
    public void Parse_ValidDictionary_ReadsMaxAge(string value, int seconds)
    {
        var sut = CdnCacheControl.Parse([value]);

        Assert.NotNull(sut);
        Assert.Equal(TimeSpan.FromSeconds(seconds), sut.MaxAge);
    }

    // RFC 9213 §2.1: directives without a value are Boolean true and mean what they mean in Cache-Control.
    [Fact]
    public void Parse_NoStore_IsNoStore()
    {
        var sut = CdnCacheControl.Parse(["no-store"]);

        Assert.NotNull(sut);
        Assert.True(sut.NoStore);
    }

    // RFC 9213 §2.1: private, as a Boolean.
    [Fact]
    public void Parse_Private_IsPrivate()
    {
        var sut = CdnCacheControl.Parse(["private"]);

        Assert.NotNull(sut);
        Assert.True(sut.Private);
    }

    // RFC 9213 §2.1: no-cache, as a Boolean.
    [Fact]
    public void Parse_NoCache_IsNoCache()
    {
        var sut = CdnCacheControl.Parse(["no-cache"]);

        Assert.NotNull(sut);
        Assert.True(sut.NoCache);
        Assert.Null(sut.MaxAge);
    }

    // RFC 9213 §2.1: the other directives a CDN cache implements, with Integer values for the delta-seconds ones.
    [Fact]
    public void Parse_EveryDirective_IsRead()
    {
        var sut = CdnCacheControl.Parse(["public, must-revalidate, proxy-revalidate, immutable, s-maxage=120, stale-while-revalidate=5, stale-if-error=7"]);

        Assert.NotNull(sut);
        Assert.True(sut.Public);
        Assert.True(sut.MustRevalidate);
        Assert.True(sut.ProxyRevalidate);
        Assert.True(sut.Immutable);
        Assert.Equal(TimeSpan.FromSeconds(120), sut.SharedMaxAge);
        Assert.Equal(TimeSpan.FromSeconds(5), sut.StaleWhileRevalidate);
        Assert.Equal(TimeSpan.FromSeconds(7), sut.StaleIfError);
    }

    // RFC 9213 §3.1: "CDN-Cache-Control: none" is a valid, non-empty field that sets no directive.
    [Fact]
    public void Parse_UnknownDirectiveAlone_IsValidAndEmpty()
    {
        var sut = CdnCacheControl.Parse(["none"]);

        Assert.NotNull(sut);
        Assert.False(sut.NoStore);
        Assert.Null(sut.MaxAge);
    }

    // RFC 9111 §1.2.2 applied to the Integer: a max-age past 2^31 is 2^31 seconds.
    [Fact]
    public void Parse_HugeMaxAge_IsCapped()
    {
        Assert.Equal(CacheControl.MaxDelta, CdnCacheControl.Parse(["max-age=999999999999999"])?.MaxAge);
    }

    // RFC 9213 §2.1: "If a targeted field in a given response is empty, or a parsing error is encountered, that field
    // MUST be ignored by the cache"; and a max-age that is not a non-negative Integer is not consumed.
    [Theory]
    [InlineData("max-age =100")]
    [InlineData("max-age= 100")]
    [InlineData("max-age=\"10000\"")]
    [InlineData("max-age=10000, &&&&&")]
    [InlineData("MaX-aGe=3600")]
    [InlineData("Max-Age=3600")]
    [InlineData("max-age=3600,")]
    [InlineData("max-age=3600, ")]
    [InlineData(",max-age=3600")]
    [InlineData("max-age=3600,,no-store")]
    [InlineData("max-age=-1")]
    [InlineData("max-age=1.5")]
    [InlineData("max-age=abc")]
    [InlineData("max-age=?1")]
    [InlineData("max-age=1000000000000000")]
    [InlineData("max-age=60;A=1")]
    [InlineData("max-age=60 no-store")]
    [InlineData("s-maxage=-5")]
    [InlineData("stale-while-revalidate=\"5\"")]
    [InlineData("stale-if-error=1.0")]
    [InlineData("")]
    [InlineData(" ")]
    public void Parse_InvalidField_IsIgnoredWhole(string value)
    {
        Assert.Null(CdnCacheControl.Parse([value]));
    }

    // RFC 9213 §2.1: no field, nothing to obey.
    [Fact]
    public void Parse_NoLines_IsNull()
    {
        Assert.Null(CdnCacheControl.Parse([]));
    }

    // RFC 8941 §4.2: field lines are combined with commas before parsing.
    [Fact]
    public void Parse_SeveralLines_AreOneDictionary()
    {
        var sut = CdnCacheControl.Parse(["max-age=60", "no-store", "stale-if-error=5"]);

        Assert.NotNull(sut);
        Assert.Equal(TimeSpan.FromSeconds(60), sut.MaxAge);
        Assert.True(sut.NoStore);
        Assert.Equal(TimeSpan.FromSeconds(5), sut.StaleIfError);
    }

    // RFC 8941 §4.2: one invalid line makes the combined value invalid, so the whole field is ignored.
    [Fact]
    public void Parse_OneInvalidLineAmongSeveral_IgnoresTheField()
    {
        Assert.Null(CdnCacheControl.Parse(["max-age=60", "MAX-AGE=5"]));
    }
}
