using MediaEdge.Caching;

namespace MediaEdge.Tests.Caching;

public sealed class CacheKeyTests
{
    private static readonly string[] Inputs = ["local", "photos/cup.jpg", "5-8dc1f", "w=100;h=-", "imagesharp", "2.1.13"];

    [Fact]
    public void ForVariant_SameInputs_IsTheSameKeyEveryTime()
    {
        var first = Variant(Inputs);
        var second = Variant([.. Inputs]);

        Assert.Equal(first, second);
        Assert.Matches("^[0-9a-f]{64}$", first);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void ForVariant_AnyInputChanged_IsADifferentKey(int changed)
    {
        var other = Inputs.ToArray();
        other[changed] += "x";

        Assert.NotEqual(Variant(Inputs), Variant(other));
    }

    [Fact]
    public void ForVariant_InputsSwapped_IsADifferentKey()
    {
        string[] swapped = [Inputs[1], Inputs[0], .. Inputs[2..]];

        Assert.NotEqual(Variant(Inputs), Variant(swapped));
    }

    [Fact]
    public void ForSource_SameInputs_IsStableAndDiffersPerInput()
    {
        var key = CacheKey.ForSource("local", "cup.jpg", "v1");

        Assert.Equal(key, CacheKey.ForSource("local", "cup.jpg", "v1"));
        Assert.NotEqual(key, CacheKey.ForSource("other", "cup.jpg", "v1"));
        Assert.NotEqual(key, CacheKey.ForSource("local", "mug.jpg", "v1"));
        Assert.NotEqual(key, CacheKey.ForSource("local", "cup.jpg", "v2"));
        Assert.NotEqual(key, Variant(["local", "cup.jpg", "v1", "", "", ""]));
    }

    [Fact]
    public void ETagOf_Bytes_IsAStableQuotedStrongTagThatDiffersPerContent()
    {
        var tag = CacheKey.ETagOf([1, 2, 3]);

        Assert.Equal(tag, CacheKey.ETagOf([1, 2, 3]));
        Assert.NotEqual(tag, CacheKey.ETagOf([1, 2, 4]));
        Assert.NotEqual(tag, CacheKey.ETagOf([]));
        Assert.Matches("^\"[A-Za-z0-9_-]{24}\"$", tag);
    }

    private static string Variant(string[] i) => CacheKey.ForVariant(i[0], i[1], i[2], i[3], i[4], i[5]);
}
