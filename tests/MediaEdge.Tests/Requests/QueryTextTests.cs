using MediaEdge.Requests;

namespace MediaEdge.Tests.Requests;

public sealed class QueryTextTests
{
    [Theory]
    // Order and repeats are kept.
    [InlineData("?auto=compress&w=100&auto=format", "auto=compress", "w=100", "auto=format")]
    // Escapes and '+' are decoded.
    [InlineData("crop=top%2Cleft&txt=a+b&bg=%23fff", "crop=top,left", "txt=a b", "bg=#fff")]
    // A name without a value has an empty value; empty pairs are skipped.
    [InlineData("w&&h=", "w=", "h=")]
    public void Parse_Query_IsItsDecodedPairsInOrder(string query, params string[] pairs)
    {
        Assert.Equal(pairs, QueryText.Parse(query).Select(p => $"{p.Key}={p.Value}"));
    }
}
