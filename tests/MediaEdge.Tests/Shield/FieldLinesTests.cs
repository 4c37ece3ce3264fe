using MediaEdge.Origins;
using MediaEdge.Shield;

namespace MediaEdge.Tests.Shield;

public sealed class FieldLinesTests
{
    // RFC 9110 §7.6.1 and RFC 9111 §3.1: hop-by-hop fields describe one connection and are never stored or forwarded.
    [Theory]
    [InlineData("Connection")]
    [InlineData("Keep-Alive")]
    [InlineData("Proxy-Connection")]
    [InlineData("TE")]
    [InlineData("Transfer-Encoding")]
    [InlineData("Upgrade")]
    [InlineData("Trailer")]
    [InlineData("Proxy-Authenticate")]
    [InlineData("Proxy-Authentication-Info")]
    [InlineData("Proxy-Authorization")]
    [InlineData("keep-alive")]
    [InlineData("TRANSFER-ENCODING")]
    [InlineData("te")]
    public void EndToEnd_HopByHopField_IsDropped(string name)
    {
        HeaderField[] fields = [new("Content-Type", "image/jpeg"), new(name, "x"), new("ETag", "\"a\"")];

        var sut = fields.EndToEnd();

        Assert.Equal([new("Content-Type", "image/jpeg"), new("ETag", "\"a\"")], sut);
    }

    // RFC 9110 §7.6.1: the fields the Connection field names are hop-by-hop too, matched case-insensitively.
    [Theory]
    [InlineData("X-Trace")]
    [InlineData("x-trace")]
    [InlineData("X-TRACE")]
    [InlineData("close, X-Trace")]
    [InlineData(" X-Trace ,close")]
    public void EndToEnd_FieldNamedInConnection_IsDropped(string connection)
    {
        HeaderField[] fields = [new("Connection", connection), new("X-Trace", "1"), new("Cache-Control", "max-age=60"), new("x-trace", "2")];

        var sut = fields.EndToEnd();

        Assert.Equal([new("Cache-Control", "max-age=60")], sut);
    }

    // RFC 9110 §7.6.1: every Connection line counts.
    [Fact]
    public void EndToEnd_SeveralConnectionLines_AllCount()
    {
        HeaderField[] fields = [new("Connection", "X-A"), new("X-A", "1"), new("connection", "X-B"), new("X-B", "2"), new("X-C", "3")];

        Assert.Equal([new("X-C", "3")], fields.EndToEnd());
    }

    // RFC 9111 §3.1: end-to-end fields are all kept, in order, repeated lines included.
    [Fact]
    public void EndToEnd_EndToEndFields_AreKeptInOrder()
    {
        HeaderField[] fields = [new("Set-Cookie", "a=1"), new("Content-Type", "image/png"), new("Set-Cookie", "b=2"), new("X-Unknown", "?")];

        Assert.Equal(fields, fields.EndToEnd());
    }

    // RFC 9111 §3.2: each field the 304 carries replaces the stored lines of that name; the others stay; never
    // Content-Length, nor hop-by-hop fields (§3.1).
    [Fact]
    public void UpdatedBy_304Fields_ReplaceTheStoredLinesOfTheirNames()
    {
        HeaderField[] stored =
        [
            new("Content-Type", "image/jpeg"), new("Content-Length", "1234"), new("ETag", "\"a\""),
            new("Cache-Control", "max-age=60"), new("X-A", "1"), new("X-A", "2"), new("Date", "old"),
        ];
        HeaderField[] update =
        [
            new("cache-control", "max-age=600"), new("x-a", "3"), new("Date", "new"), new("Content-Length", "0"),
            new("Connection", "X-Hop"), new("X-Hop", "1"), new("Keep-Alive", "timeout=5"),
        ];

        var sut = stored.UpdatedBy(update);

        Assert.Equal(["image/jpeg"], sut.All("Content-Type"));
        Assert.Equal(["1234"], sut.All("Content-Length"));
        Assert.Equal(["\"a\""], sut.All("ETag"));
        Assert.Equal(["max-age=600"], sut.All("Cache-Control"));
        Assert.Equal(["3"], sut.All("X-A"));
        Assert.Equal(["new"], sut.All("Date"));
        Assert.Empty(sut.All("X-Hop"));
        Assert.Empty(sut.All("Keep-Alive"));
        Assert.Empty(sut.All("Connection"));
        Assert.Equal(6, sut.Length);
    }

    // RFC 9111 §3.2: a field sent on several lines replaces the stored one with all of its lines, in order.
    [Fact]
    public void UpdatedBy_FieldOnSeveralLines_ReplacesWithAllOfThem()
    {
        HeaderField[] stored = [new("Link", "<a>"), new("ETag", "\"a\"")];
        HeaderField[] update = [new("Link", "<b>"), new("Link", "<c>")];

        var sut = stored.UpdatedBy(update);

        Assert.Equal(["<b>", "<c>"], sut.All("Link"));
        Assert.Equal(["\"a\""], sut.All("ETag"));
    }

    // RFC 9111 §3.2: fields new to the stored response are added.
    [Fact]
    public void UpdatedBy_NewField_IsAdded()
    {
        HeaderField[] stored = [new("ETag", "\"a\"")];

        var sut = stored.UpdatedBy([new HeaderField("Expires", "Sun, 01 Jun 2025 13:00:00 GMT")]);

        Assert.Equal("Sun, 01 Jun 2025 13:00:00 GMT", sut.First("Expires"));
        Assert.Equal("\"a\"", sut.First("ETag"));
    }

    // RFC 9111 §3.2: "The Content-Length header field" is excepted, even where the stored response has none.
    [Fact]
    public void UpdatedBy_ContentLengthOnlyInTheUpdate_IsNotTaken()
    {
        HeaderField[] stored = [new("ETag", "\"a\"")];

        var sut = stored.UpdatedBy([new HeaderField("content-length", "0")]);

        Assert.Null(sut.First("Content-Length"));
    }

    // RFC 9111 §3.2: an update without fields leaves the stored fields as they were.
    [Fact]
    public void UpdatedBy_EmptyUpdate_KeepsEverything()
    {
        HeaderField[] stored = [new("ETag", "\"a\""), new("X-A", "1"), new("X-A", "2")];

        Assert.Equal(stored, stored.UpdatedBy([]));
    }

    // RFC 9110 §5.1: field names are case-insensitive; §5.3: lines of one field keep their order.
    [Fact]
    public void All_EveryLineOfTheName_InOrderAnyCase()
    {
        HeaderField[] fields = [new("A", "1"), new("b", "2"), new("a", "3")];

        Assert.Equal(["1", "3"], fields.All("a"));
        Assert.Equal(["1", "3"], fields.All("A"));
        Assert.Empty(fields.All("c"));
    }

    // RFC 9110 §5.1: the first line of a field, any case; null where the field is absent.
    [Fact]
    public void First_FirstLineOrNull()
    {
        HeaderField[] fields = [new("A", "1"), new("b", "2"), new("a", "3")];

        Assert.Equal("1", fields.First("a"));
        Assert.Equal("2", fields.First("B"));
        Assert.Null(fields.First("c"));
    }

    // RFC 9110 §5.3: a list field's lines combine into one value joined by ", ".
    [Fact]
    public void Combined_LinesJoinedWithCommaSpace_OrNull()
    {
        HeaderField[] fields = [new("Vary", "Accept"), new("X", "y"), new("vary", "Width, DPR")];

        Assert.Equal("Accept, Width, DPR", fields.Combined("Vary"));
        Assert.Equal("y", fields.Combined("x"));
        Assert.Null(fields.Combined("Link"));
    }
}
