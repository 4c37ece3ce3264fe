using MediaEdge.Shield;

namespace MediaEdge.Tests.Shield;

public sealed class HttpDateTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Example = new(1994, 11, 6, 8, 49, 37, TimeSpan.Zero);

    // RFC 9110 §5.6.7: the three forms of the specification's own example all mean the same instant.
    [Theory]
    [InlineData("Sun, 06 Nov 1994 08:49:37 GMT")]
    [InlineData("Sunday, 06-Nov-94 08:49:37 GMT")]
    [InlineData("Sun Nov  6 08:49:37 1994")]
    public void TryParse_EachFormOfTheExample_IsTheSameInstant(string text)
    {
        Assert.True(HttpDate.TryParse(text, Now, out var sut));
        Assert.Equal(Example, sut);
    }

    // RFC 9110 §5.6.7: asctime-date's date3 is "month SP ( 2DIGIT / ( SP DIGIT ) )".
    [Theory]
    [InlineData("Wed Nov 16 08:49:37 1994", 16)]
    [InlineData("Tue Nov  1 08:49:37 1994", 1)]
    [InlineData("Sun Nov 06 08:49:37 1994", 6)]
    public void TryParse_AsctimeDay_IsTwoDigitsOrSpacePaddedOne(string text, int day)
    {
        Assert.True(HttpDate.TryParse(text, Now, out var sut));
        Assert.Equal(new DateTimeOffset(1994, 11, day, 8, 49, 37, TimeSpan.Zero), sut);
    }

    // RFC 9110 §5.6.7: second = 2DIGIT, and time-of-day runs to 23:59:60 for a leap second.
    [Theory]
    [InlineData("Sat, 31 Dec 2016 23:59:60 GMT")]
    [InlineData("Saturday, 31-Dec-16 23:59:60 GMT")]
    [InlineData("Sat Dec 31 23:59:60 2016")]
    public void TryParse_LeapSecond_IsAccepted(string text)
    {
        Assert.True(HttpDate.TryParse(text, Now, out var sut));
        Assert.Equal(new DateTimeOffset(2017, 1, 1, 0, 0, 0, TimeSpan.Zero), sut);
    }

    // RFC 9110 §5.6.7: "Recipients of a timestamp value in rfc850-date format, which uses a two-digit year, MUST interpret a
    // timestamp that appears to be more than 50 years in the future as representing the most recent year in the past that
    // had the same last two digits." Now is 2025-06-01T00:00:00Z.
    [Theory]
    [InlineData("Sunday, 06-Nov-94 08:49:37 GMT", "1994-11-06T08:49:37Z")]
    [InlineData("Wednesday, 01-Jan-70 00:00:00 GMT", "2070-01-01T00:00:00Z")]
    [InlineData("Tuesday, 01-Jan-80 00:00:00 GMT", "1980-01-01T00:00:00Z")]
    [InlineData("Saturday, 01-Jan-00 00:00:00 GMT", "2000-01-01T00:00:00Z")]
    [InlineData("Sunday, 01-Jun-25 00:00:00 GMT", "2025-06-01T00:00:00Z")]
    [InlineData("Saturday, 01-Jun-75 00:00:00 GMT", "2075-06-01T00:00:00Z")]
    [InlineData("Sunday, 01-Jun-75 00:00:01 GMT", "1975-06-01T00:00:01Z")]
    [InlineData("Tuesday, 29-Feb-00 12:00:00 GMT", "2000-02-29T12:00:00Z")]
    public void TryParse_Rfc850TwoDigitYear_IsNoMoreThanFiftyYearsAhead(string text, string expected)
    {
        Assert.True(HttpDate.TryParse(text, Now, out var sut));
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), sut);
    }

    // RFC 9110 §5.6.7: the window moves with now; in 2080, "94" is 14 years ahead, so 2094.
    [Fact]
    public void TryParse_Rfc850TwoDigitYear_IsReadRelativeToNow()
    {
        var later = new DateTimeOffset(2080, 1, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.True(HttpDate.TryParse("Saturday, 06-Nov-94 08:49:37 GMT", later, out var sut));
        Assert.Equal(new DateTimeOffset(2094, 11, 6, 8, 49, 37, TimeSpan.Zero), sut);
    }

    // RFC 9110 §5.6.7: HTTP-date is case-sensitive and exactly one of the three forms; anything else is invalid.
    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("Sun, 06 Nov 1994 08:49:37 UTC")]
    [InlineData("Sun, 06 Nov 1994 08:49:37 AEST")]
    [InlineData("Sun, 06 Nov 1994 08:49:37 gMT")]
    [InlineData("Sun, 06 Nov 1994 08:49:37 gmt")]
    [InlineData("Sun, 06 Nov 1994 08:49:37 +0000")]
    [InlineData("Sun, 06 Nov 1994 08:49:37")]
    [InlineData("Sun, 06 Nov 94 08:49:37 GMT")]
    [InlineData("Sun 06 Nov 1994 08:49:37 GMT")]
    [InlineData("Sun,  06 Nov 1994 08:49:37 GMT")]
    [InlineData("Sun, 06  Nov 1994 08:49:37 GMT")]
    [InlineData("Sun, 06 Nov 1994  08:49:37 GMT")]
    [InlineData("Sun, 06-Nov-1994 08:49:37 GMT")]
    [InlineData("Sun, 06 Nov 1994 08.49.37 GMT")]
    [InlineData("Sun, 06 Nov 1994 8:49:37 GMT")]
    [InlineData("Sun, 6 Nov 1994 08:49:37 GMT")]
    [InlineData("sun, 06 Nov 1994 08:49:37 GMT")]
    [InlineData("Sun, 06 nov 1994 08:49:37 GMT")]
    [InlineData("Sun, 06 NOV 1994 08:49:37 GMT")]
    [InlineData("Xyz, 06 Nov 1994 08:49:37 GMT")]
    [InlineData("Sun, 06 Nov 1994 24:00:00 GMT")]
    [InlineData("Sun, 06 Nov 1994 08:60:00 GMT")]
    [InlineData("Sun, 06 Nov 1994 08:49:61 GMT")]
    [InlineData("Sun, 00 Nov 1994 08:49:37 GMT")]
    [InlineData("Thu, 31 Apr 2025 00:00:00 GMT")]
    [InlineData("Mon, 31 Nov 1994 08:49:37 GMT")]
    [InlineData("Sat, 29 Feb 2025 00:00:00 GMT")]
    [InlineData("Sun, 06 Nov 1994 08:49:37 GMT junk")]
    [InlineData("Sun, 06 Nov 1994 08:49:37 GMTZ")]
    [InlineData("Sun, 06 Nov 1994 08:49:37 GMT,")]
    [InlineData("Sunday, 06-Nov-1994 08:49:37 GMT")]
    [InlineData("Sunday, 06 Nov 94 08:49:37 GMT")]
    [InlineData("Sunday, 06-Nov-94 08:49:37 UTC")]
    [InlineData("Sund, 06-Nov-94 08:49:37 GMT")]
    [InlineData("Sun Nov 6 08:49:37 1994")]
    [InlineData("Sun Nov  6 08:49:37 94")]
    [InlineData("Sun Nov  6 08:49:37 1994 GMT")]
    [InlineData("1994-11-06T08:49:37Z")]
    [InlineData("GMT")]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(null)]
    public void TryParse_NotAnHttpDate_IsFalse(string? text)
    {
        Assert.False(HttpDate.TryParse(text, Now, out _));
    }

    // RFC 9110 §5.6.7: a sender generates IMF-fixdate, always in GMT.
    [Fact]
    public void Format_IsImfFixdateInGmt()
    {
        var sut = HttpDate.Format(new DateTimeOffset(1994, 11, 6, 18, 49, 37, TimeSpan.FromHours(10)));

        Assert.Equal("Sun, 06 Nov 1994 08:49:37 GMT", sut);
    }

    // RFC 9110 §5.6.7: what Format writes, TryParse reads back to the same second.
    [Theory]
    [InlineData("1970-01-01T00:00:00Z")]
    [InlineData("1994-11-06T08:49:37Z")]
    [InlineData("2000-02-29T23:59:59Z")]
    [InlineData("2038-01-19T03:14:08Z")]
    [InlineData("2025-06-01T09:05:03+09:30")]
    [InlineData("9999-12-31T23:59:59Z")]
    public void Format_ThenTryParse_RoundTrips(string instant)
    {
        var value = DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);

        Assert.True(HttpDate.TryParse(HttpDate.Format(value), Now, out var sut));
        Assert.Equal(value, sut);
    }
}
