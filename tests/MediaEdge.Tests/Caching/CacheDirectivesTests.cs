using MediaEdge.Caching;

namespace MediaEdge.Tests.Caching;

public sealed class CacheDirectivesTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Parse_NoHeader_IsNone(string? header)
    {
        var sut = CacheDirectives.Parse(header);

        Assert.Equal(CacheDirectives.None, sut);
        Assert.False(sut.SaysFreshness);
    }

    [Fact]
    public void Parse_EveryDirective_IsRead()
    {
        var sut = CacheDirectives.Parse("public, max-age=60, stale-while-revalidate=30, stale-if-error=300");

        Assert.True(sut.Public);
        Assert.Equal(TimeSpan.FromSeconds(60), sut.MaxAge);
        Assert.Equal(TimeSpan.FromSeconds(30), sut.StaleWhileRevalidate);
        Assert.Equal(TimeSpan.FromSeconds(300), sut.StaleIfError);
        Assert.False(sut.NoStore || sut.NoCache || sut.Private || sut.MustRevalidate);
        Assert.Null(sut.SharedMaxAge);
        Assert.True(sut.SaysFreshness);
    }

    [Theory]
    [InlineData("no-store")]
    [InlineData("NO-STORE")]
    [InlineData("private, no-store")]
    [InlineData(" max-age=10 ,no-store ")]
    public void Parse_NoStore_InAnyCaseAndPlace(string header)
    {
        Assert.True(CacheDirectives.Parse(header).NoStore);
    }

    [Theory]
    [InlineData("no-cache", true, false, false)]
    [InlineData("private", false, true, false)]
    [InlineData("must-revalidate", false, false, true)]
    [InlineData("proxy-revalidate", false, false, true)]
    [InlineData("no-cache=\"Set-Cookie\", private=\"X\"", true, true, false)]
    public void Parse_Flags(string header, bool noCache, bool isPrivate, bool mustRevalidate)
    {
        var sut = CacheDirectives.Parse(header);

        Assert.Equal((noCache, isPrivate, mustRevalidate), (sut.NoCache, sut.Private, sut.MustRevalidate));
    }

    [Fact]
    public void Parse_SMaxAge_ImpliesProxyRevalidate()
    {
        var sut = CacheDirectives.Parse("s-maxage=120, max-age=10");

        Assert.Equal(TimeSpan.FromSeconds(120), sut.SharedMaxAge);
        Assert.Equal(TimeSpan.FromSeconds(10), sut.MaxAge);
        Assert.True(sut.MustRevalidate);
    }

    [Theory]
    [InlineData("max-age=\"60\"", 60)]
    [InlineData("Max-Age=60", 60)]
    [InlineData("max-age=abc", 0)]
    [InlineData("max-age=-5", 0)]
    [InlineData("max-age=", 0)]
    [InlineData("max-age", 0)]
    [InlineData("max-age=99999999999", int.MaxValue)]
    public void Parse_MaxAgeValues_InvalidIsZero_HugeIsCapped(string header, long seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), CacheDirectives.Parse(header).MaxAge);
    }

    [Fact]
    public void Parse_UnknownDirectives_AreIgnored()
    {
        var sut = CacheDirectives.Parse("immutable, community=\"UCI\", max-age=5");

        Assert.Equal(CacheDirectives.None with { MaxAge = TimeSpan.FromSeconds(5) }, sut);
    }

    [Fact]
    public void Parse_InvalidStaleWindow_IsAbsent()
    {
        Assert.Null(CacheDirectives.Parse("stale-while-revalidate=soon").StaleWhileRevalidate);
    }

    [Theory]
    [InlineData("no-cache", true)]
    [InlineData("s-maxage=0", true)]
    [InlineData("public", false)]
    [InlineData("stale-if-error=60", false)]
    public void SaysFreshness_OnlyForMaxAgeSMaxAgeOrNoCache(string header, bool says)
    {
        Assert.Equal(says, CacheDirectives.Parse(header).SaysFreshness);
    }
}
