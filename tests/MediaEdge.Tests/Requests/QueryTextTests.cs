using MediaEdge.Requests;

namespace MediaEdge.Tests.Requests;

public sealed class QueryTextTests
{
    [Fact]
    public void Parse_Query_KeepsOrderAndRepeats()
    {
        var pairs = QueryText.Parse("?auto=compress&w=100&auto=format").ToList();

        Assert.Equal(
            [new("auto", "compress"), new("w", "100"), new("auto", "format")],
            pairs);
    }

    [Fact]
    public void Parse_EscapesAndPlus_AreDecoded()
    {
        var pairs = QueryText.Parse("crop=top%2Cleft&txt=a+b&bg=%23fff").ToList();

        Assert.Equal(
            [new("crop", "top,left"), new("txt", "a b"), new("bg", "#fff")],
            pairs);
    }

    [Fact]
    public void Parse_NameWithoutValueAndEmptyPairs_GiveEmptyValueAndAreSkipped()
    {
        var pairs = QueryText.Parse("w&&h=").ToList();

        Assert.Equal([new("w", ""), new("h", "")], pairs);
    }
}
