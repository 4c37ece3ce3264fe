using MediaEdge.Origins;

namespace MediaEdge.Tests.Origins;

public sealed class ObjectKeyTests
{
    [Theory]
    [InlineData("cups.jpg")]
    [InlineData("products/2024/shoe.jpg")]
    [InlineData("a b/c+d (1).png")]
    [InlineData("...hidden/x.jpg")]
    [InlineData("café/naïve.jpg")]
    [InlineData("100%.jpg")]
    [InlineData("x%41.jpg")]
    [InlineData("2015-05-16 09:27:04.jpg")]
    [InlineData("C:/Windows/win.ini")]
    [InlineData("a:b.jpg")]
    [InlineData("urn:isbn:0451450523.png")]
    [InlineData("a\\b.jpg")]
    [InlineData("a%5cb.jpg")]
    [InlineData("a%5C..%5Cb.jpg")]
    [InlineData("a%25.jpg")]
    [InlineData("%2e%2e/etc/passwd")]
    [InlineData("%252e%252e/x.jpg")]
    [InlineData("sale #1 ?final? 50% [v2] (copy) @2x & more = 'yes'.jpg")]
    [InlineData("日本語/写真 😀.jpg")]
    [InlineData(".well-known/x.jpg")]
    [InlineData("trailing-dot./x..jpg")]
    public void Validate_LegalObjectName_IsReturnedUnchanged(string key)
    {
        Assert.Equal(key, ObjectKey.Validate(key));
    }

    [Theory]
    [InlineData("")]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("../etc/passwd")]
    [InlineData("a/../../etc/passwd")]
    [InlineData("a/..")]
    [InlineData("a/./b.jpg")]
    [InlineData("./b.jpg")]
    [InlineData("a//b.jpg")]
    [InlineData("a/")]
    [InlineData("/etc/passwd")]
    [InlineData("//server/share/x.jpg")]
    [InlineData("a\\..\\..\\x.jpg")]
    [InlineData("..\\x.jpg")]
    [InlineData("file:///etc/passwd")]
    [InlineData("\\server\\share\\x.jpg")]
    [InlineData("a\\.\\b.jpg")]
    [InlineData("a\0.jpg")]
    [InlineData("a\n.jpg")]
    [InlineData("a\r\nSet-Cookie: x.jpg")]
    [InlineData("a\u007f.jpg")]
    [InlineData("a\u0085.jpg")]
    [InlineData("a%2fb.jpg")]
    [InlineData("a%2F..%2Fb.jpg")]
    public void Validate_EscapingOrMalformedKey_IsBadKey(string key)
    {
        var problem = ProblemAssert.Status(400, () => ObjectKey.Validate(key));

        Assert.Equal("bad-key", problem.Type);
    }

    [Fact]
    public void Validate_KeyLongerThanTheMaximum_IsBadKey()
    {
        ObjectKey.Validate(new string('a', ObjectKey.MaxLength));

        ProblemAssert.Status(400, () => ObjectKey.Validate(new string('a', ObjectKey.MaxLength + 1)));
    }
}
