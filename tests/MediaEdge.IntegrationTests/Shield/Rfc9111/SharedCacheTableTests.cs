namespace MediaEdge.IntegrationTests.Shield.Rfc9111;

/// <summary>
/// /o/ as an RFC 9111 shared cache, rule by rule: every entry of <see cref="CacheCases"/> is played against a scripted
/// origin on the fake clock, and named by its RFC section and a sentence, so a failure says which rule broke.
/// </summary>
public sealed class SharedCacheTableTests
{
    public static TheoryData<RuleName> Rules => new(CacheCases.All.Select(c => new RuleName(c.ToString())));

    [Theory]
    [MemberData(nameof(Rules))]
    public Task TheSharedCache_Follows(RuleName rule) => CacheCaseRunner.RunAsync(CacheCases.Named(rule.Value));

    [Fact]
    public void TheTable_HoldsAtLeast110Rules_EachNamedOnce()
    {
        var names = CacheCases.All.Select(c => c.ToString()).ToList();

        Assert.True(names.Count >= 110, $"{names.Count} rules");
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
    }
}
