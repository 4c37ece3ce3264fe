using MediaEdge.Shield;

namespace MediaEdge.Tests.Shield;

public sealed class EntityTagsTests
{
    // RFC 9110 §8.8.3.2 weak comparison (W/ ignored) over an If-None-Match list (§13.1.2), members separated by OWS and commas.
    [Theory]
    [InlineData("\"a\"", "\"a\"")]
    [InlineData("W/\"a\"", "\"a\"")]
    [InlineData("\"a\"", "W/\"a\"")]
    [InlineData("W/\"a\"", "W/\"a\"")]
    [InlineData("\"x\", \"a\"", "\"a\"")]
    [InlineData("\"x\",\"a\"", "\"a\"")]
    [InlineData("\"x\" ,  W/\"a\" ,\"y\"", "\"a\"")]
    [InlineData("  \"a\"  ", "\"a\"")]
    [InlineData("\t\"x\",\t\"a\"", "\"a\"")]
    [InlineData(", , \"a\",", "\"a\"")]
    [InlineData("\"\"", "\"\"")]
    public void WeakMatch_SameOpaqueTag_IsTrue(string list, string etag)
    {
        Assert.True(EntityTags.WeakMatch(list, etag));
    }

    // RFC 9110 §13.1.2: "*" matches any current representation.
    [Theory]
    [InlineData("*", "\"a\"")]
    [InlineData("*", "W/\"a\"")]
    [InlineData(" * ", "\"a\"")]
    public void WeakMatch_Star_MatchesAnyTag(string list, string etag)
    {
        Assert.True(EntityTags.WeakMatch(list, etag));
    }

    // RFC 9110 §13.1.2: "If the field value is "*", the condition is false if the origin server has a current
    // representation for the target resource", with or without an entity-tag (and the method's own summary says "*" matches).
    [Fact]
    public void WeakMatch_Star_MatchesARepresentationWithoutAnEntityTag()
    {
        Assert.True(EntityTags.WeakMatch("*", null));
    }

    // RFC 9110 §8.8.3.2: opaque-tags are compared character by character, case-sensitively.
    [Theory]
    [InlineData("\"a\"", "\"b\"")]
    [InlineData("\"a\"", "\"A\"")]
    [InlineData("\"a\"", "\"a \"")]
    [InlineData("\"x\", \"y\"", "\"a\"")]
    [InlineData("w/\"a\"", "\"a\"")]
    [InlineData("", "\"a\"")]
    [InlineData("\"a\"", null)]
    public void WeakMatch_DifferentOpaqueTag_IsFalse(string list, string? etag)
    {
        Assert.False(EntityTags.WeakMatch(list, etag));
    }

    // RFC 9110 §8.8.3: etagc includes %x2C, so a comma inside a quoted tag is part of the tag, not a list separator.
    [Theory]
    [InlineData("\"a,b\", \"c\"", "\"a,b\"", true)]
    [InlineData("\"a,b\"", "\"a,b\"", true)]
    [InlineData("W/\"a,b\", \"c\"", "\"a,b\"", true)]
    [InlineData("\"c\", \"a, b\"", "\"a, b\"", true)]
    [InlineData("\"a,b\", \"c\"", "\"c\"", true)]
    [InlineData("\"a,b\", \"c\"", "\"a\"", false)]
    [InlineData("\"a,b\", \"c\"", "\"b\"", false)]
    [InlineData("\"a,b\", \"c\"", "b\"", false)]
    public void WeakMatch_CommaInsideAQuotedTag_DoesNotSplitIt(string list, string etag, bool expected)
    {
        Assert.Equal(expected, EntityTags.WeakMatch(list, etag));
    }

    // RFC 9110 §8.8.3 (obs-text is %x80-FF in etagc): unquoted and obs-text validators compared as the bytes they are.
    [Theory]
    [InlineData("abc", "abc", true)]
    [InlineData("x, abc", "abc", true)]
    [InlineData("abc", "\"abc\"", false)]
    [InlineData("\"abc\"", "abc", false)]
    [InlineData("abc", "abd", false)]
    [InlineData("\"caf\u00e9\"", "\"caf\u00e9\"", true)]
    [InlineData("W/\"caf\u00e9\"", "\"caf\u00e9\"", true)]
    [InlineData("\"\u0080\u00ff\"", "\"\u0080\u00ff\"", true)]
    [InlineData("\"caf\u00e9\"", "\"caf\u00e8\"", false)]
    [InlineData("\"caf\u00e9\"", "\"cafe\"", false)]
    [InlineData("\"caf\u00e9\"", "\"CAF\u00c9\"", false)]
    public void WeakMatch_UnquotedAndObsTextTags_AreComparedAsBytes(string list, string etag, bool expected)
    {
        Assert.Equal(expected, EntityTags.WeakMatch(list, etag));
    }

    // RFC 9110 §13.1.2: a malformed If-None-Match is the client's problem; comparing against it never fails.
    [Theory]
    [InlineData("\"")]
    [InlineData("\"unterminated")]
    [InlineData("\"a\", \"unterminated")]
    [InlineData("W/")]
    [InlineData("W/\"")]
    [InlineData("W/W/\"a\"")]
    [InlineData(",,,")]
    [InlineData(" , , ")]
    [InlineData("\"a\"\"b\"")]
    [InlineData("\"a\" junk, \"b")]
    [InlineData("*,*")]
    [InlineData("\u0000")]
    [InlineData("\"\\\"")]
    [InlineData("W")]
    public void WeakMatch_MalformedList_NeverThrows(string list)
    {
        var exception = Record.Exception(() =>
        {
            EntityTags.WeakMatch(list, "\"a\"");
            EntityTags.WeakMatch(list, "W/\"a\"");
            EntityTags.WeakMatch(list, "\"");
            EntityTags.StrongMatch(list, "\"a\"");
            _ = EntityTags.Members(list).ToArray();
        });

        Assert.Null(exception);
    }

    // RFC 9110 §8.8.3: the members of a list, a quoted comma kept inside its tag.
    [Fact]
    public void Members_QuotedCommas_StayInsideTheirTag()
    {
        Assert.Equal(["\"a,b\"", "W/\"c, d\"", "e", "*"], EntityTags.Members(" \"a,b\" , W/\"c, d\",e,* "));
    }

    // RFC 9110 §8.8.3.2 strong comparison: both strong and character-for-character equal.
    [Theory]
    [InlineData("\"a\"", "\"a\"", true)]
    [InlineData(" \"a\" ", "\"a\"", true)]
    [InlineData("\"caf\u00e9\"", "\"caf\u00e9\"", true)]
    [InlineData("W/\"a\"", "W/\"a\"", false)]
    [InlineData("W/\"a\"", "\"a\"", false)]
    [InlineData("\"a\"", "W/\"a\"", false)]
    [InlineData("\"a\"", "\"b\"", false)]
    [InlineData("\"a\"", "\"A\"", false)]
    [InlineData("\"a\"", null, false)]
    public void StrongMatch_OnlyEqualStrongTags_Match(string a, string? b, bool expected)
    {
        Assert.Equal(expected, EntityTags.StrongMatch(a, b));
    }
}
