using MediaEdge.Requests;

namespace MediaEdge.Tests.Requests;

public sealed class ByteRangesTests
{
    [Theory]
    [InlineData("bytes=0-0", 0, 0)]
    [InlineData("bytes=10-19", 10, 19)]
    [InlineData("bytes=90-", 90, 99)]
    [InlineData("bytes=0-", 0, 99)]
    [InlineData("bytes=95-1000", 95, 99)]
    [InlineData("bytes=-10", 90, 99)]
    [InlineData("bytes=-1000", 0, 99)]
    [InlineData("Bytes=1-2", 1, 2)]
    [InlineData("bytes= 3-4 ", 3, 4)]
    public void Parse_OneRange_IsClampedToTheLength(string header, long start, long end)
    {
        var sut = ByteRanges.Parse(header, 100);

        Assert.Equal([(start, end)], sut);
    }

    [Theory]
    [InlineData("bytes=100-")]
    [InlineData("bytes=100-200")]
    [InlineData("bytes=-0")]
    [InlineData("bytes=150-, 300-400")]
    public void Parse_NothingSatisfiable_IsEmpty(string header)
    {
        var sut = ByteRanges.Parse(header, 100);

        Assert.NotNull(sut);
        Assert.Empty(sut);
    }

    [Fact]
    public void Parse_EmptyRepresentation_IsUnsatisfiable()
    {
        Assert.Empty(ByteRanges.Parse("bytes=0-", 0)!);
        Assert.Empty(ByteRanges.Parse("bytes=-5", 0)!);
    }

    [Fact]
    public void Parse_UnsatisfiablePartsAmongSatisfiable_AreDropped()
    {
        Assert.Equal([(0L, 4L)], ByteRanges.Parse("bytes=0-4, 200-300", 100));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("items=0-5")]
    [InlineData("bytes=abc")]
    [InlineData("bytes=5")]
    [InlineData("bytes=9-3")]
    [InlineData("bytes=a-3")]
    [InlineData("bytes=1-b")]
    [InlineData("bytes=-x")]
    [InlineData("bytes=--5")]
    [InlineData("bytes=0-1,,2-3")]
    public void Parse_MalformedOrAbsent_IsNull_SoTheWholeIsServed(string? header)
    {
        Assert.Null(ByteRanges.Parse(header, 100));
    }

    [Theory]
    [InlineData("bytes=0-4,5-9", 0, 9)]
    [InlineData("bytes=0-5,3-8", 0, 8)]
    [InlineData("bytes=10-20,0-50", 0, 50)]
    [InlineData("bytes=-10,80-", 80, 99)]
    public void Parse_OverlappingOrAdjacent_AreCoalesced(string header, long start, long end)
    {
        Assert.Equal([(start, end)], ByteRanges.Parse(header, 100));
    }

    [Fact]
    public void Parse_DisjointRanges_AreKeptInOrder()
    {
        var sut = ByteRanges.Parse("bytes=50-59, 0-9, -5", 100);

        Assert.Equal([(0L, 9L), (50L, 59L), (95L, 99L)], sut);
    }

    [Fact]
    public void Parse_AtMostMaxRanges_AreServed_OneMore_IsNull()
    {
        string Header(int count) => "bytes=" + string.Join(",", Enumerable.Range(0, count).Select(i => $"{i * 10}-{(i * 10) + 1}"));

        Assert.Equal(ByteRanges.MaxRanges, ByteRanges.Parse(Header(ByteRanges.MaxRanges), 1000)!.Count);
        Assert.Null(ByteRanges.Parse(Header(ByteRanges.MaxRanges + 1), 1000));
    }

    [Fact]
    public void Parse_HugeNumbers_DoNotOverflow()
    {
        Assert.Equal([(0L, 99L)], ByteRanges.Parse($"bytes=0-{long.MaxValue}", 100));
        Assert.Equal([(0L, 99L)], ByteRanges.Parse($"bytes=-{long.MaxValue}", 100));
        Assert.Null(ByteRanges.Parse("bytes=0-99999999999999999999999", 100));
    }
}
